package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.neural.decoder.DecoderFolder;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.testing.TinyDecoders;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.Training;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.retrieval.RetrieverSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decoder student on the tiny random Qwen2 checkpoint: trains, saves, and is evaluated. */
class DecoderTrainingTest {
  @TempDir static Path shared;
  static Path base;
  @TempDir Path dir;

  private static final String[] HEADS = {"the cat", "the dog", "people", "the model", "the world",
      "water", "the answer", "a question"};
  private static final String[] TAILS = {"to find water", "to go out", "to make time",
      "to write", "to see people", "to look up", "to call him", "to find the dog"};

  @BeforeAll
  static void copyBase() throws Exception {
    base = TinyDecoders.copy("qwen2", shared.resolve("qwen2"));
  }

  private static Path corpus(Path file) throws Exception {
    List<Knowledge> triples = new ArrayList<>();
    for (int i = 0; i < HEADS.length; i++) {
      triples.add(new CommonsenseTriple(HEADS[i], "xIntent", TAILS[i]));
    }
    return TinyCorpus.write(file, triples);
  }

  private StudentConfig config(String name, String... more) throws Exception {
    String common = String.join("\n", "student: decoder", "base: " + base, "train: train.jsonl",
        "dev: dev.jsonl", "out: " + name, "device: cpu", "seed: 5", "patience: 0",
        "batch_size: 4", "evaluation: {limit: 8, max_new_tokens: 6}", "");
    return StudentConfig.read(Files.writeString(dir.resolve(name + ".yaml"),
        common + String.join("\n", more) + "\n"));
  }

  @Test
  void aLoraStudentLearnsSavesMergedAndPeftFoldersAndIsEvaluated() throws Exception {
    corpus(dir.resolve("train.jsonl"));
    Path dev = corpus(dir.resolve("dev.jsonl"));
    StudentConfig config = config("run", "epochs: 8", "learning_rate: 0.03",
        "decoder: {max_tokens: 64, lora: {rank: 4, dropout: 0.0,"
            + " targets: [q_proj, v_proj, o_proj, down_proj]}}");
    List<String> lines = new ArrayList<>();
    RunReport report = Training.train(config, RetrieverSource.none(), lines::add);

    assertThat(report.student()).isEqualTo("decoder");
    assertThat(report.history()).hasSize(8);
    assertThat(report.history().get(7).devLoss())
        .isLessThan(report.history().get(0).devLoss() - 0.5);
    assertThat(report.metric()).isEqualTo("exact_match");
    assertThat(lines).anyMatch(l -> l.contains("chat template of"));
    Path model = RunFolder.model(config.out());
    assertThat(Training.bestCheckpoint(config)).isEqualTo(model);
    assertThat(config.out().resolve("adapter").resolve(DecoderFolder.ADAPTER_CONFIG)).exists();
    try (DecoderLm merged = DecoderLm.load(model, null, ai.djl.Device.cpu(), 0);
        DecoderLm adapted = DecoderLm.loadWithAdapter(base, config.out().resolve("adapter"),
            ai.djl.Device.cpu())) {
      long[][] ids = {{1, 11, 18, 92, 2}};
      float[] a = merged.logits(ids);
      float[] b = adapted.logits(ids);
      for (int i = 0; i < a.length; i++) {
        assertThat(Math.abs(a[i] - b[i])).isLessThan(1e-3f);
      }
    }
    EvaluationReport eval = StudentEvaluation.evaluate(config, model, dev,
        RetrieverSource.none(), 0);
    assertThat(eval.student()).isEqualTo("decoder");
    assertThat(eval.withoutRetrieval().items()).isEqualTo(8);
    assertThat(eval.withoutRetrieval().exactMatch())
        .isEqualTo(report.history().get(report.bestEpoch() - 1).devMetric());
    assertThat(eval.baseline()).isNotNull();
  }

  @Test
  void aMissingBaseIsNamed() throws Exception {
    corpus(dir.resolve("train.jsonl"));
    corpus(dir.resolve("dev.jsonl"));
    Files.writeString(dir.resolve("nobase.yaml"), String.join("\n", "student: decoder",
        "base: nowhere", "train: train.jsonl", "out: r", ""));
    StudentConfig config = StudentConfig.read(dir.resolve("nobase.yaml"));
    assertThatThrownBy(() -> Training.train(config, RetrieverSource.none(), s -> { }))
        .hasMessageContaining("field \"base\"").hasMessageContaining("nowhere");
  }
}
