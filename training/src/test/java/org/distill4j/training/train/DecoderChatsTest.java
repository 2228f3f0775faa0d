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
}
