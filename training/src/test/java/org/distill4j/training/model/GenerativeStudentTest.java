package org.distill4j.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.tokenizer.BytePairTokenizer;
import org.distill4j.training.tokenizer.TextTokenizer;
import org.junit.jupiter.api.Test;

class GenerativeStudentTest {
  private static final TransformerSize SIZE = new TransformerSize(16, 2, 1, 32, 20, 0f);

  @Test
  void targetTokensAndTheFinalEosKeepTheirLabelsPromptAndPaddingDoNot() {
    BytePairTokenizer tok = BytePairTokenizer.learn(List.of("a b c", "x y"), 40);
    try (GenerativeStudent s = GenerativeStudent.create(SIZE, tok, Device.cpu());
        NDManager m = NDManager.newBaseManager()) {
      List<TrainingExample> ex = List.of(TrainingExample.of("a b", "c"),
          TrainingExample.of("a", "x y b c"));
      SequenceBatch b = s.encode(ex, m);
      long width = b.ids().getShape().get(1);
      long[] ids = b.ids().toLongArray();
      long[] labels = b.labels().toLongArray();
      float[] mask = b.lossMask().toFloatArray();
      for (int row = 0; row < 2; row++) {
        List<Integer> target = tok.encode(ex.get(row).target());
        int promptLength = 2 + tok.encode(ex.get(row).input()).size();
        assertThat(ids[(int) (row * width)]).isEqualTo(TextTokenizer.BOS);
        assertThat(ids[(int) (row * width) + promptLength - 1]).isEqualTo(TextTokenizer.SEP);
        int labelled = 0;
        for (int t = 0; t < width; t++) {
          int i = (int) (row * width + t);
          if (mask[i] == 1f) {
            labelled++;
          }
          if (t == promptLength - 1 + target.size()) {
            assertThat(labels[i]).isEqualTo(TextTokenizer.EOS);
            assertThat(mask[i]).as("EOS keeps its label").isEqualTo(1f);
          }
          if (t < promptLength - 1) {
            assertThat(mask[i]).as("prompt position %d", t).isZero();
          }
        }
        assertThat(labelled).isEqualTo(target.size() + 1);
      }
      assertThat(b.targetTokens()).isEqualTo(tok.encode("c").size() + 1
          + tok.encode("x y b c").size() + 1);
    }
  }

  @Test
  void sampledDecodingRepeatsWithItsSeedAndGreedyIsDeterministic() {
    BytePairTokenizer tok = BytePairTokenizer.learn(List.of("one two three four"), 40);
    try (GenerativeStudent s = GenerativeStudent.create(SIZE, tok, Device.cpu())) {
      List<String> in = List.of("one", "two three");
      assertThat(s.generate(in, Decoding.greedy(), 5)).isEqualTo(s.generate(in,
          Decoding.greedy(), 5));
      Decoding sampled = new Decoding(1.0, 5, 11);
      assertThat(s.generate(in, sampled, 5)).isEqualTo(s.generate(in, sampled, 5));
    }
  }

  @Test
  void aWideBeamFindsTheMostProbableOutputAndANarrowOneNoBetter() {
    BytePairTokenizer tok = BytePairTokenizer.learn(List.of("one two three four five six"), 30);
    try (GenerativeStudent s = GenerativeStudent.create(SIZE, tok, Device.cpu())) {
      List<String> in = List.of("one", "five six two");
      int vocab = tok.vocabularySize();
      List<List<Integer>> exact = s.beamSearch(in, vocab * vocab, 2);
      List<List<Integer>> narrow = s.beamSearch(in, 2, 2);
      for (int i = 0; i < in.size(); i++) {
        String input = in.get(i);
        // Every output of at most two tokens: stopped after 0 or 1, or cut off after 2.
        double best = s.logProbability(input, List.of(), true);
        for (int a = TextTokenizer.SPECIALS; a < vocab; a++) {
          best = Math.max(best, s.logProbability(input, List.of(a), true));
          for (int b = TextTokenizer.SPECIALS; b < vocab; b++) {
            best = Math.max(best, s.logProbability(input, List.of(a, b), false));
          }
        }
        List<Integer> found = exact.get(i);
        assertThat(s.logProbability(input, found, found.size() < 2)).as(input)
            .isCloseTo(best, org.assertj.core.data.Offset.offset(1e-3));
        List<Integer> n = narrow.get(i);
        assertThat(s.logProbability(input, n, n.size() < 2)).isLessThanOrEqualTo(best + 1e-3);
        assertThat(s.beamSearch(List.of(input), 2, 2)).as("batch independence")
            .containsExactly(n);
      }
    }
  }
}
