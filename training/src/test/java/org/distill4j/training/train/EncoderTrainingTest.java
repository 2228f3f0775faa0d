package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.training.StudentEvaluation;
import org.distill4j.training.Training;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.eval.EvaluationReport;
import org.distill4j.training.retrieval.RetrieverSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.distill4j.neural.testing.TinyBert;

/** The encoder student on a tiny random BERT: trains, reports, resumes, and is evaluated. */
class EncoderTrainingTest {
  @TempDir static Path shared;
  static Path base;
  static Path still;
  @TempDir Path dir;

  @BeforeAll
  static void makeBases() throws Exception {
    base = TinyBert.write(shared.resolve("base"), 3, 0.1);
    still = TinyBert.write(shared.resolve("still"), 3, 0.0);
  }

  private StudentConfig config(String name, Path from, String task, String... more)
      throws Exception {
    String common = String.join("\n", "student: encoder", "base: " + from, "train: train.jsonl",
        "dev: dev.jsonl", "out: " + name, "device: cpu", "learning_rate: 0.002", "seed: 5",
        "patience: 0", "scorer: {task: " + task + "}", "");
    return StudentConfig.read(Files.writeString(dir.resolve(name + ".yaml"),
        common + String.join("\n", more) + "\n"));
  }

  @Test
  void aChoiceStudentLearnsWritesItsRunFolderAndIsEvaluated() throws Exception {
    EncoderCorpora.choices(dir.resolve("train.jsonl"), 0, 24);
    Path dev = EncoderCorpora.choices(dir.resolve("dev.jsonl"), 24, 30);
    StudentConfig config = config("run", base, "choice", "epochs: 6", "batch_size: 6",
        "encoder: {max_tokens: 32}");
    RunReport report = Training.train(config, RetrieverSource.none(), s -> { });

    assertThat(report.student()).isEqualTo("encoder");
    assertThat(report.trainExamples()).isEqualTo(24);
    assertThat(report.history()).hasSize(6);
    assertThat(report.metric()).isEqualTo("accuracy");
    assertThat(report.history().get(5).loss()).isLessThan(report.history().get(0).loss());
    assertThat(report.bestDevMetric()).isGreaterThanOrEqualTo(5 / 6.0);
    assertThat(report.bestDevLoss()).isFinite();
    Path model = RunFolder.model(config.out());
    assertThat(report.bestCheckpoint()).isEqualTo(model.toString());
    assertThat(Files.readAllLines(RunFolder.metrics(config.out()))).hasSize(6);
    RunReport written = CorpusJson.json().readValue(
        RunFolder.report(config.out()).toFile(), RunReport.class);
    assertThat(written.bestEpoch()).isEqualTo(report.bestEpoch());
    try (BertClassifier loaded = BertClassifier.load(model, 32)) {
      assertThat(loaded.head()).isEqualTo(BertHead.multipleChoice());
    }

    assertThat(Training.bestCheckpoint(config)).isEqualTo(model);
    EvaluationReport eval = StudentEvaluation.evaluate(config, model, dev,
        RetrieverSource.none(), 0);
    assertThat(eval.student()).isEqualTo("encoder");
    assertThat(eval.withoutRetrieval().items()).isEqualTo(6);
    assertThat(eval.withoutRetrieval().accuracy())
        .isCloseTo(report.bestDevMetric(), within(1e-9));
    assertThat(eval.withRetrieval()).isNull();
    assertThat(eval.baseline().accuracy()).isNotNull();
  }

  @Test
  void aValidityStudentRanksKeptAboveRejected() throws Exception {
    EncoderCorpora.validity(dir.resolve("train.jsonl"), 24, 0);
    Path dev = EncoderCorpora.validity(dir.resolve("dev.jsonl"), 8, 3);
    StudentConfig config = config("vrun", base, "validity", "epochs: 6", "batch_size: 8",
        "encoder: {max_tokens: 32, class_weights: balanced}");
    RunReport report = Training.train(config, RetrieverSource.none(), s -> { });

    // The best epoch goes by average precision, which a random tiny encoder may already reach
    // at 1.0 on these two tails; so the loss is what shows learning here.
    assertThat(report.metric()).isEqualTo("average_precision");
    assertThat(report.trainExamples()).isEqualTo(24);
    List<EpochMetrics> h = report.history();
    assertThat(h.get(h.size() - 1).devLoss()).isLessThan(h.get(0).devLoss());
    try (BertClassifier loaded = BertClassifier.load(RunFolder.model(config.out()), 32)) {
      assertThat(loaded.head().labels()).containsExactly("rejected", "kept");
    }
    EvaluationReport eval = StudentEvaluation.evaluate(config,
        Training.bestCheckpoint(config), dev, RetrieverSource.none(), 0);
    assertThat(eval.withoutRetrieval().averagePrecision())
        .isCloseTo(report.bestDevMetric(), within(1e-9));
    assertThat(eval.withoutRetrieval().accuracy()).isBetween(0.0, 1.0);
    assertThat(eval.withoutRetrieval().items()).isEqualTo(8);
  }

  @Test
  void fp16ScoringTrainsInFloat32AndScoresDevAndEvaluationAlike() throws Exception {
    EncoderCorpora.validity(dir.resolve("train.jsonl"), 24, 0);
    Path dev = EncoderCorpora.validity(dir.resolve("dev.jsonl"), 8, 3);
    StudentConfig config = config("half", base, "validity", "epochs: 2", "batch_size: 8",
        "encoder: {max_tokens: 32, precision: fp16}");
    RunReport report = Training.train(config, RetrieverSource.none(), s -> { });
    assertThat(report.history()).hasSize(2);
    assertThat(report.history()).allMatch(m -> Double.isFinite(m.devLoss()));
    EvaluationReport eval = StudentEvaluation.evaluate(config,
        Training.bestCheckpoint(config), dev, RetrieverSource.none(), 0);
    // Evaluation scores in fp16 too, so it repeats the dev pass of the best epoch.
    assertThat(eval.withoutRetrieval().averagePrecision())
        .isCloseTo(report.bestDevMetric(), within(1e-9));
  }

  @Test
  void aRunStoppedMidEpochResumesAfterTheLastFinishedOne() throws Exception {
    EncoderCorpora.choices(dir.resolve("train.jsonl"), 0, 24);
    EncoderCorpora.choices(dir.resolve("dev.jsonl"), 24, 30);
    String[] settings = {"epochs: 3", "batch_size: 6", "encoder: {max_tokens: 32}"};
    RunReport straight = EncoderTraining.run(config("straight", still, "choice", settings),
        RetrieverSource.none(), s -> { });

    StudentConfig config = config("killed", still, "choice", settings);
    // Four steps an epoch: step 10 is in the third epoch, after two checkpoints.
    assertThatThrownBy(() -> EncoderTraining.run(config, RetrieverSource.none(), s -> { },
        step -> {
          if (step == 10) {
            throw new IllegalStateException("killed");
          }
        })).hasMessage("killed");
    assertThat(Files.exists(RunFolder.report(config.out()))).isFalse();
    RunReport resumed = EncoderTraining.run(config, RetrieverSource.none(), s -> { });

    assertThat(resumed.resumedFromEpoch()).isEqualTo(2);
    assertThat(resumed.epochsRun()).isEqualTo(3);
    assertThat(resumed.history()).extracting(EpochMetrics::epoch).containsExactly(1, 2, 3);
    assertThat(Files.readAllLines(RunFolder.metrics(config.out()))).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(resumed.history().get(i).loss())
          .isCloseTo(straight.history().get(i).loss(), within(1e-5));
      assertThat(resumed.history().get(i).devLoss())
          .isCloseTo(straight.history().get(i).devLoss(), within(1e-5));
    }

    RunReport again = EncoderTraining.run(config, RetrieverSource.none(), s -> { });
    assertThat(again.resumedFromEpoch()).isEqualTo(3);
    assertThat(again.history()).hasSize(3);
    assertThat(again.bestDevMetric()).isEqualTo(resumed.bestDevMetric());
  }

  @Test
  void aMissingBaseFolderIsAnErrorNamingTheFieldAndHowToMakeOne() throws Exception {
    EncoderCorpora.choices(dir.resolve("train.jsonl"), 0, 6);
    EncoderCorpora.choices(dir.resolve("dev.jsonl"), 6, 9);
    StudentConfig config = config("nobase", dir.resolve("absent"), "choice");
    assertThatThrownBy(() -> Training.train(config, RetrieverSource.none(), s -> { }))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("\"base\"")
        .hasMessageContaining("distill model import-onnx --builtin all-minilm-l6-v2");
    assertThat(Training.bestCheckpoint(config)).isNull();
  }
}
