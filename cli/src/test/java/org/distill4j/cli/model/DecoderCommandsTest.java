package org.distill4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.neural.testing.TinyDecoders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill model init-decoder} and {@code distill model generate} as a user runs them. */
class DecoderCommandsTest {
  @TempDir Path dir;

  @Test
  void aNewDecoderIsWrittenFromACorpusAndWritesReplies() throws Exception {
    Path corpus = dir.resolve("train.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(corpus)) {
      for (String[] t : List.of(new String[] {"PersonX bakes bread", "to eat"},
          new String[] {"PersonX buys a car", "to drive"})) {
        w.write(CorpusRecord.of(new CommonsenseTriple(t[0], "xIntent", t[1]),
            Provenance.imported("test")));
      }
    }
    Path out = dir.resolve("tiny");
    CommandRun init = CommandRun.of("model", "init-decoder", "--corpus", corpus.toString(),
        "--out", out.toString(), "--vocabulary", "64", "--hidden", "32", "--layers", "1",
        "--heads", "2", "--max-positions", "64");
    assertThat(init.exitCode()).as(init.err()).isZero();
    assertThat(init.out()).contains("1 layers", "hidden 32", "word vocabulary from 4 texts");
    assertThat(out.resolve("model.safetensors")).isNotEmptyFile();

    CommandRun generate = CommandRun.of("model", "generate", "--model", out.toString(),
        "--prompt", "PersonX bakes bread xIntent", "--prompt", "PersonX buys a car xIntent",
        "--max-new-tokens", "3", "--device", "cpu");
    assertThat(generate.exitCode()).as(generate.err()).isZero();
    assertThat(generate.out().lines().count()).isEqualTo(2);
  }

  @Test
  void samplingAndBeamsRunOnAPretrainedShapedFolderAndBadSettingsAreUsageErrors()
      throws Exception {
    Path qwen = TinyDecoders.copy("qwen2", dir.resolve("qwen2"));
    CommandRun sampled = CommandRun.of("model", "generate", "--model", qwen.toString(),
        "--prompt", "hello world", "--temperature", "0.8", "--top-p", "0.9",
        "--max-new-tokens", "4", "--device", "cpu");
    assertThat(sampled.exitCode()).as(sampled.err()).isZero();
    CommandRun beams = CommandRun.of("model", "generate", "--model", qwen.toString(),
        "--prompt", "hello world", "--beams", "3", "--temperature", "0.5", "--device", "cpu");
    assertThat(beams.exitCode()).isEqualTo(2);
    assertThat(beams.err()).contains("beam search is deterministic");
    CommandRun none = CommandRun.of("model", "generate", "--model", qwen.toString());
    assertThat(none.exitCode()).isEqualTo(2);
    assertThat(none.err()).contains("--prompt TEXT or --input FILE");
    assertThat(Files.exists(qwen.resolve("adapter_config.json"))).isFalse();
  }
}
