package org.distill4j.neural.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecoderGenerationTest {
  private static final long[] PROMPT = {56, 39, 13, 27};

  @Test
  void aBeamAsWideAsTheVocabularyFindsTheMostLikelyTwoTokens() throws Exception {
    try (DecoderLm model = DecoderLm.load(DecoderReferenceTest.fixture("llama"), null,
        Device.cpu(), 0)) {
      int vocab = model.config().vocabSize();
      // Exhaustive: log p(a | prompt) + log p(b | prompt, a) over every pair.
      double[] first = logSoftmax(model.logits(new long[][] {PROMPT}), PROMPT.length, vocab);
      double best = Double.NEGATIVE_INFINITY;
      long[] argmax = null;
      for (int a = 0; a < vocab; a++) {
        long[] extended = java.util.Arrays.copyOf(PROMPT, PROMPT.length + 1);
        extended[PROMPT.length] = a;
        double[] second = logSoftmax(model.logits(new long[][] {extended}), extended.length,
            vocab);
        for (int b = 0; b < vocab; b++) {
          if (first[a] + second[b] > best) {
            best = first[a] + second[b];
            argmax = new long[] {a, b};
          }
        }
      }
      GenerationSettings beam = new GenerationSettings(2, 0, 1, vocab, 1, 0, Set.of());
      assertThat(new Generator(model).generate(PROMPT, beam)).containsExactly(argmax);
    }
  }

  @Test
  void samplingIsSeededAndANarrowNucleusIsGreedy() throws Exception {
    try (DecoderLm model = DecoderLm.load(DecoderReferenceTest.fixture("qwen2"), null,
        Device.cpu(), 0)) {
      Generator generator = new Generator(model);
      long[] greedy = generator.generate(PROMPT, GenerationSettings.greedy(8, Set.of()));
      GenerationSettings narrow = new GenerationSettings(8, 1.0, 1e-6, 1, 1, 11, Set.of());
      assertThat(generator.generate(PROMPT, narrow)).containsExactly(greedy);
      GenerationSettings hot = new GenerationSettings(8, 2.0, 1, 1, 1, 11, Set.of());
      long[] once = generator.generate(PROMPT, hot);
      assertThat(generator.generate(PROMPT, hot)).containsExactly(once);
      GenerationSettings otherSeed = new GenerationSettings(8, 2.0, 1, 1, 1, 12, Set.of());
      assertThat(generator.generate(PROMPT, otherSeed)).isNotEqualTo(once);
    }
  }

  @Test
  void generationStopsAtAStopIdAndKeepsIt() throws Exception {
    try (DecoderLm model = DecoderLm.load(DecoderReferenceTest.fixture("gpt2"), null,
        Device.cpu(), 0)) {
      Generator generator = new Generator(model);
      long[] free = generator.generate(PROMPT, GenerationSettings.greedy(12, Set.of()));
      int stop = (int) free[3];
      long[] stopped = generator.generate(PROMPT, GenerationSettings.greedy(12, Set.of(stop)));
      int first = 0;
      while (free[first] != stop) {
        first++;
      }
      assertThat(stopped).containsExactly(java.util.Arrays.copyOf(free, first + 1));
    }
  }

  @Test
  void gpt2RepliesStopAtTheEndOfItsPositionTable() throws Exception {
    try (DecoderLm model = DecoderLm.load(DecoderReferenceTest.fixture("gpt2"), null,
        Device.cpu(), 0)) {
      long[] prompt = new long[60];
      java.util.Arrays.fill(prompt, 5);
      Generator generator = new Generator(model);
      assertThat(generator.generate(prompt, GenerationSettings.greedy(20, Set.of()))).hasSize(4);
      long[] tooLong = new long[64];
      org.assertj.core.api.Assertions.assertThatThrownBy(() ->
          generator.generate(tooLong, GenerationSettings.greedy(2, Set.of())))
          .hasMessageContaining("64 positions");
    }
  }

  private static double[] logSoftmax(float[] logits, int length, int vocab) {
    double[] out = new double[vocab];
    int offset = (length - 1) * vocab;
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, logits[offset + v]);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(logits[offset + v] - max);
    }
    for (int v = 0; v < vocab; v++) {
      out[v] = logits[offset + v] - max - Math.log(sum);
    }
    return out;
  }
}
