package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.retrieval.RetrieverSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerativeTrainingTest {
  @TempDir Path dir;

  private Path config(String name, int epochs, String extra) throws Exception {
    Path corpus = dir.resolve("train.jsonl");
    if (!Files.exists(corpus)) {
      TinyCorpus.write(corpus, TinyCorpus.triples());
    }
    Path cfg = dir.resolve(name + ".yaml");
    Files.writeString(cfg, String.join("\n",
        "student: generative",
        "train: train.jsonl",
        "dev: train.jsonl",
        "out: " + name,
        "seed: 7",
        "device: cpu",
        "epochs: " + epochs,
        "batch_size: 4",
        "learning_rate: 0.005",
        "patience: 0",
        "vocabulary_size: 400",
        "model: {embedding: 32, heads: 2, layers: 1, hidden: 64, max_length: 24, dropout: 0.0}",
        "evaluation: {limit: 8, max_new_tokens: 8}",
        extra));
    return cfg;
  }

  @Test
  void tinyModelOverfitsTinySet() throws Exception {
    StudentConfig config = StudentConfig.read(config("overfit", 30, ""));
    RunReport report = GenerativeTraining.run(config, RetrieverSource.none(), s -> { });
    List<EpochMetrics> h = report.history();
    assertThat(h).hasSize(30);
    assertThat(h.get(h.size() - 1).loss()).isLessThan(h.get(0).loss() * 0.2);
    assertThat(h.get(h.size() - 1).devMetric()).isGreaterThan(h.get(0).devMetric());
    assertThat(h.get(h.size() - 1).devMetric()).isGreaterThanOrEqualTo(0.75);
    assertThat(h.get(0).devMetric()).isLessThan(0.25);
    assertThat(Files.readAllLines(config.out().resolve("metrics.jsonl"))).hasSize(30);
    assertThat(CorpusJson.json().readTree(config.out().resolve("report.json").toFile())
        .get("best_epoch").asInt()).isPositive();
  }

  @Test
  void resumeAfterKillRepeatsTheLossesOfAStraightRun() throws Exception {
    List<Float> straight = new ArrayList<>();
    GenerativeTraining.run(StudentConfig.read(config("straight", 4, "")),
        RetrieverSource.none(), s -> { }, e -> { }, straight);

    StudentConfig killed = StudentConfig.read(config("killed", 4, ""));
    List<Float> first = new ArrayList<>();
    assertThatThrownBy(() -> GenerativeTraining.run(killed, RetrieverSource.none(), s -> { },
        epoch -> {
          if (epoch == 2) {
            throw new IllegalStateException("simulated kill after epoch 2");
          }
        }, first)).hasMessageContaining("simulated kill");
    List<Float> second = new ArrayList<>();
    RunReport resumed = GenerativeTraining.run(killed, RetrieverSource.none(), s -> { },
        e -> { }, second);

    assertThat(resumed.resumedFromEpoch()).isEqualTo(2);
    assertThat(resumed.epochsRun()).isEqualTo(4);
    assertThat(second).hasSize(straight.size() / 2);
    // Same losses step for step after the resume: parameters, Adam moments and per-epoch seeds
    // are all restored.
    assertThat(second).containsExactlyElementsOf(straight.subList(straight.size() / 2,
        straight.size()));
    try (var r = JsonLinesReader.open(killed.out().resolve("metrics.jsonl"),
        EpochMetrics.class)) {
      List<Integer> epochs = new ArrayList<>();
      r.forEach(m -> epochs.add(m.epoch()));
      assertThat(epochs).containsExactly(1, 2, 3, 4);
    }
  }
}
