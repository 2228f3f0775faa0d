package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.retrieval.RetrieverSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenDistillationTrainingTest {
  @TempDir Path dir;

  private static final String MODEL =
      "model: {embedding: 32, heads: 2, layers: 1, hidden: 64, max_length: 24, dropout: 0.0}";

  @BeforeEach
  void teacher() throws Exception {
    TinyCorpus.write(dir.resolve("train.jsonl"), TinyCorpus.triples());
    Path cfg = Files.writeString(dir.resolve("teacher.yaml"), String.join("\n",
        "train: train.jsonl", "dev: train.jsonl", "out: teacher", "device: cpu", "epochs: 12",
        "batch_size: 4", "learning_rate: 0.005", "patience: 0", "vocabulary_size: 400", MODEL,
        "evaluation: {limit: 8, max_new_tokens: 8}"));
    GenerativeTraining.run(StudentConfig.read(cfg), RetrieverSource.none(), s -> { });
  }

  @Test
  void studentLearnsFromTheTeachersDistributionsWithTaid() throws Exception {
    Path cfg = Files.writeString(dir.resolve("student.yaml"), String.join("\n",
        "train: train.jsonl", "dev: train.jsonl", "out: student", "device: cpu", "epochs: 6",
        "batch_size: 4", "learning_rate: 0.005", "patience: 0", MODEL,
        "evaluation: {limit: 8, max_new_tokens: 8}",
        "distillation: {teacher: teacher, divergence: taid, temperature: 2.0, kd_weight: 0.7,"
            + " taid_start: 0.2}"));
    RunReport report = GenerativeTraining.run(StudentConfig.read(cfg), RetrieverSource.none(),
        s -> { });
    assertThat(report.history()).hasSize(6);
    for (EpochMetrics m : report.history()) {
      assertThat(m.kdShare()).isNotNull().isBetween(0.0, 1.0);
      assertThat(m.loss()).isGreaterThanOrEqualTo(0);
    }
    assertThat(report.history().get(5).devLoss()).isLessThan(report.history().get(0).devLoss());
  }

  @Test
  void refusesTokenLevelDistillationAcrossVocabularies() throws Exception {
    Files.writeString(dir.resolve("tokenizer.json"), """
        {"version":"1.0","added_tokens":[],"normalizer":null,
         "pre_tokenizer":{"type":"Whitespace"},"post_processor":null,"decoder":null,
         "model":{"type":"WordLevel","vocab":{"[UNK]":0,"to":1},"unk_token":"[UNK]"}}
        """);
    Path cfg = Files.writeString(dir.resolve("other.yaml"), String.join("\n",
        "train: train.jsonl", "dev: train.jsonl", "out: other", "device: cpu", "epochs: 1",
        "tokenizer: tokenizer.json", MODEL, "distillation: {teacher: teacher}"));
    assertThatThrownBy(() -> GenerativeTraining.run(StudentConfig.read(cfg),
        RetrieverSource.none(), s -> { }))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("teacher's vocabulary")
        .hasMessageContaining("sequence-level");
  }
}
