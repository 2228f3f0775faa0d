package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.training.train.RunReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.distill4j.neural.testing.TinyBert;

/** The train stage hands {@code student: encoder} configs to training like any other. */
class EncoderTrainStageTest {
  @TempDir Path dir;

  private static Path questions(Path file, int from, int to) {
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (int q = from; q < to; q++) {
        List<String> choices = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
          choices.add("choice " + c + (c == q % 3 ? " is correct" : " is wrong"));
        }
        w.write(CorpusRecord.of(new Rationale("which one " + q, choices, List.of("Think."),
            choices.get(q % 3)), Provenance.imported("test")));
      }
    }
    return file;
  }

  private Path student(String base) throws Exception {
    Path folder = Files.createDirectories(dir.resolve("students"));
    questions(folder.resolve("dev.jsonl"), 12, 15);
    return Files.writeString(folder.resolve("student.yaml"), String.join("\n",
        "student: encoder", "base: " + base, "train: unused.jsonl", "dev: dev.jsonl",
        "out: unused", "device: cpu", "epochs: 1", "batch_size: 6", "learning_rate: 0.002",
        "scorer: {task: choice}", "encoder: {max_tokens: 32}", ""));
  }

  @Test
  void trainsTheEncoderOnTheRunsKeptRecordsIntoTheRunsFolder() throws Exception {
    TinyBert.write(dir.resolve("students/tiny"), 3, 0.0);
    Path kept = questions(dir.resolve("kept.jsonl"), 0, 12);
    Path out = dir.resolve("run/train");
    new TrainStage(new PipelineConfig.Train(student("tiny")), kept, out, dir.resolve("run/kb"),
        line -> { }).run();
    RunReport report = CorpusJson.json().readValue(out.resolve("report.json").toFile(),
        RunReport.class);
    assertThat(report.student()).isEqualTo("encoder");
    assertThat(report.trainExamples()).isEqualTo(12);
    assertThat(out.resolve("model/config.json")).exists();
  }

  @Test
  void aMissingBaseIsReportedAgainstTheStudentConfigsFolder() throws Exception {
    Path config = student("nowhere");
    Path kept = questions(dir.resolve("kept.jsonl"), 0, 6);
    assertThatThrownBy(() -> new TrainStage(new PipelineConfig.Train(config), kept,
        dir.resolve("run/train"), dir.resolve("run/kb"), line -> { }).run())
        .isInstanceOf(InputException.class)
        .hasMessageContaining("\"base\"")
        .hasMessageContaining(dir.resolve("students/nowhere").toString());
  }
}
