package org.distill4j.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
  @TempDir Path dir;

  private static final String TRIPLE = "{\"externalId\":\"e-%d\",\"knowledge\":{\"kind\":"
      + "\"triple\",\"head\":\"PersonX runs %d\",\"relation\":\"xNeed\",\"tail\":\"shoes\"},"
      + "\"provenance\":{\"teacherProvider\":\"ollama\",\"teacherModel\":\"llama3\","
      + "\"createdAt\":\"2026-03-01T10:00:00Z\"},\"scores\":{\"critic\":0.5}}";
  private static final String QA = "{\"knowledge\":{\"kind\":\"qa\",\"question\":\"Who %d?\","
      + "\"answer\":\"Ann\"}}";

  private Path corpus(int triples, int qas) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < triples; i++) {
      b.append(String.format(TRIPLE, i, i)).append('\n');
    }
    for (int i = 0; i < qas; i++) {
      b.append(String.format(QA, i)).append('\n');
    }
    return Files.writeString(dir.resolve("kept.jsonl"), b.toString());
  }

  @Test
  void writesAHuggingFaceFolderAndSaysWhatItWrote() throws Exception {
    Path in = corpus(40, 0);
    Path out = dir.resolve("ds");
    CommandRun run = CommandRun.of("export", "--in", in.toString(), "--format", "hf", "--out",
        out.toString(), "--split", "train=0.5,dev=0.25,test=0.25", "--split-seed", "5");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("wrote 40 of 40 records to " + out.toAbsolutePath())
        .contains("data/train-00000-of-00001.parquet", "data/validation-00000-of-00001.parquet");
    assertThat(out.resolve("README.md")).exists();
    try (var files = Files.list(out.resolve("data"))) {
      assertThat(files).hasSize(3);
    }
  }

  @Test
  void writesChatAndParquetForOneKindOfAMixedCorpus() throws Exception {
    Path in = corpus(3, 2);
    CommandRun chat = CommandRun.of("export", "--in", in.toString(), "--format", "chat",
        "--out", dir.resolve("sft.jsonl").toString(), "--kind", "qa");
    assertThat(chat.exitCode()).as(chat.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("sft.jsonl"))).hasSize(2)
        .allSatisfy(l -> assertThat(l).startsWith("{\"id\":null,\"messages\":["));
    CommandRun refused = CommandRun.of("export", "--in", in.toString(), "--format", "parquet",
        "--out", dir.resolve("all.parquet").toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("holds qa (2), triple (3) records");
    CommandRun folder = CommandRun.of("export", "--in", in.toString(), "--format", "parquet",
        "--out", dir.resolve("tables").toString(), "--compression", "snappy");
    assertThat(folder.exitCode()).as(folder.err()).isZero();
    assertThat(dir.resolve("tables/qa.parquet")).exists();
    assertThat(dir.resolve("tables/triple.parquet")).exists();
  }

  @Test
  void aBadLineExitsTwoNamingFileAndLineAndWritesNothing() throws Exception {
    Path in = corpus(2, 0);
    Files.writeString(in, Files.readString(in) + "{\"knowledge\":{\"kind\":\"qa\"}}\n");
    CommandRun run = CommandRun.of("export", "--in", in.toString(), "--format", "alpaca",
        "--out", dir.resolve("a.jsonl").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: " + in + ":3: ");
    assertThat(dir.resolve("a.jsonl")).doesNotExist();
  }

  @Test
  void badFlagsAndATakenOutputExitTwo() throws Exception {
    Path in = corpus(2, 0);
    CommandRun split = CommandRun.of("export", "--in", in.toString(), "--format", "hf", "--out",
        dir.resolve("x").toString(), "--split", "train=0.9,test=0.2");
    assertThat(split.exitCode()).isEqualTo(2);
    assertThat(split.err()).contains("--split").contains("must add up to 1");
    Files.writeString(dir.resolve("taken.jsonl"), "mine\n");
    CommandRun taken = CommandRun.of("export", "--in", in.toString(), "--format", "chat",
        "--out", dir.resolve("taken.jsonl").toString());
    assertThat(taken.exitCode()).isEqualTo(2);
    assertThat(taken.err()).contains("already exists").contains("--overwrite");
    assertThat(Files.readString(dir.resolve("taken.jsonl"))).isEqualTo("mine\n");
  }

  @Test
  void helpTeachesTheFormatsWithAnExample() {
    CommandRun run = CommandRun.of("export", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("parquet", "hf", "chat", "alpaca", "--split", "--license",
        "distill export --in runs/atomic/filtered/kept.jsonl --format hf", "--out atomic-hf");
  }
}
