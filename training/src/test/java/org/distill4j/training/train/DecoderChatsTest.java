package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.neural.decoder.chat.PackedRow;
import org.distill4j.neural.testing.TinyDecoders;
import org.distill4j.training.config.DecoderSettings;
import org.distill4j.training.data.TrainingExample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecoderChatsTest {
  @TempDir Path dir;

  private static DecoderSettings settings(boolean pack) {
    return new DecoderSettings(64, pack, null, null, null, null, null, null, null, null);
  }

  @Test
  void unpackedRowsKeepTheirOwnLengthAndPackedOnesShareRows() throws Exception {
    Path base = TinyDecoders.copy("qwen2", dir.resolve("qwen2"));
    List<TrainingExample> examples = List.of(TrainingExample.of("the cat", "to find water"),
        TrainingExample.of("the dog is out", "to go"));
    try (DecoderChats chats = DecoderChats.open(base, settings(false))) {
      List<PackedRow> rows = chats.rows(examples, s -> { });
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).length()).isLessThan(64).isNotEqualTo(rows.get(1).length());
      assertThat(rows.get(0).segments()).containsOnly(1);
    }
    try (DecoderChats chats = DecoderChats.open(base, settings(true))) {
      List<PackedRow> rows = chats.rows(examples, s -> { });
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).length()).isEqualTo(64);
      assertThat(rows.get(0).segments()).contains(1, 2);
    }
  }

  @Test
  void anOptionsLogProbabilityIsTheModelsOwnNextTokenProbability() throws Exception {
    Path base = TinyDecoders.copy("qwen2", dir.resolve("q"));
    try (DecoderChats chats = DecoderChats.open(base, settings(false));
        org.distill4j.neural.decoder.DecoderLm model = org.distill4j.neural.decoder.DecoderLm
            .load(base, null, ai.djl.Device.cpu(), 0);
        var tokenizer = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.builder()
            .optTokenizerPath(base.resolve("tokenizer.json")).optTruncation(false).build()) {
      double[] scores = chats.optionLogProbabilities(model, "the cat", "the answer is",
          List.of("water", "dog", "water world"));
      // One-token options: log softmax of the logits after prompt + prefix, computed here.
      long[] prompt = new org.distill4j.neural.decoder.chat.SftEncoder(
          org.distill4j.neural.decoder.chat.ChatTemplate.load(base), tokenizer, 64)
          .prompt(List.of(org.distill4j.neural.decoder.chat.ChatMessage.user("the cat")));
      long[] prefix = tokenizer.encode("the answer is", false, false).getIds();
      long[] head = java.util.stream.LongStream.concat(java.util.Arrays.stream(prompt),
          java.util.Arrays.stream(prefix)).toArray();
      float[] logits = model.logits(new long[][] {head});
      int vocab = model.config().vocabSize();
      int row = (head.length - 1) * vocab;
      double norm = 0;
      for (int v = 0; v < vocab; v++) {
        norm += Math.exp(logits[row + v]);
      }
      long water = tokenizer.encode("water", false, false).getIds()[0];
      assertThat(scores[0]).isCloseTo(logits[row + (int) water] - Math.log(norm),
          org.assertj.core.api.Assertions.within(1e-4));
      // A longer option adds its later tokens' (negative) log-probabilities.
      assertThat(scores[2]).isLessThan(scores[0]);
      assertThat(java.util.Arrays.stream(scores).allMatch(x -> x < 0)).isTrue();
    }
  }
}
