package org.distill4j.neural.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.bert.LoraSettings;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.testing.TinyBert;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FineTunerTest {
  @TempDir static Path dir;
  static Path base;
  static Path still;

  @BeforeAll
  static void makeBases() throws Exception {
    base = TinyBert.write(dir.resolve("base"), 3, 0.1);
    still = TinyBert.write(dir.resolve("still"), 3, 0.0);
  }

  static List<LabelledText> sentiment(int n, int offset) {
    String[] nouns = {"film", "meal", "book", "trip", "song", "game", "chair", "room"};
    List<LabelledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean good = i % 2 == 0;
      String noun = nouns[(i / 2 + offset) % nouns.length];
      out.add(new LabelledText(new TextPair("the " + noun + " was",
          good ? "wonderful and good" : "awful and bad"), good ? 1 : 0));
    }
    return out;
  }

  static TuneSettings settings(int epochs, int batch, int accumulation, int patience) {
    return new TuneSettings(epochs, batch, accumulation, 2e-3, 0.01, 0.1, 1.0, patience, 5);
  }

  @Test
  void aClassifierLearnsASeparableTaskAndReportsEachEpoch() throws Exception {
    List<EpochReport> seen = new ArrayList<>();
    try (BertClassifier model = BertClassifier.create(base,
        BertHead.binary("no", "yes"), null, 32, 1)) {
      ClassificationTask task = new ClassificationTask(null, 16);
      double before = task.score(model, sentiment(16, 3));
      TuneResult result = new FineTuner<>(model, task, settings(6, 8, 1, 0),
          new TuneListener() {
            @Override
            public void epoch(EpochReport report, boolean best) {
              seen.add(report);
            }
          }).run(sentiment(48, 0), sentiment(16, 3), null);
      assertThat(seen).hasSize(6);
      assertThat(seen.get(5).loss()).isLessThan(seen.get(0).loss());
      assertThat(result.bestScore()).isEqualTo(1.0);
      assertThat(task.score(model, sentiment(16, 3))).isEqualTo(result.bestScore());
      assertThat(before).isLessThan(1.0);
      assertThat(seen.get(0).tokensPerSecond()).isPositive();
    }
  }

  @Test
  void multipleChoiceLearnsToPickTheMarkedChoice() throws Exception {
    List<ChoiceQuestion> questions = new ArrayList<>();
    String[] words = {"apple", "river", "stone", "cloud", "horse"};
    for (int q = 0; q < 30; q++) {
      List<TextPair> choices = new ArrayList<>();
      int answer = q % 3;
      for (int c = 0; c < 3; c++) {
        String choice = words[(q + c) % words.length] + (c == answer ? " is correct" : " is wrong");
        choices.add(new TextPair("which one " + q, choice));
      }
      questions.add(new ChoiceQuestion(choices, answer));
    }
    try (BertClassifier model = BertClassifier.create(base, BertHead.multipleChoice(), null, 32,
        2)) {
      ChoiceTask task = new ChoiceTask(32);
      TuneResult result = new FineTuner<>(model, task, settings(6, 6, 1, 0),
          TuneListener.silent()).run(questions.subList(0, 24), questions.subList(24, 30), null);
      assertThat(result.bestScore()).isEqualTo(1.0);
    }
  }

  @Test
  void accumulatingTwoHalfBatchesStepsLikeOneFullBatch() throws Exception {
    List<LabelledText> eight = sentiment(8, 0);
    Map<String, float[]> full = oneStep(new TuneSettings(1, 8, 1, 1e-3, 0.01, 0, 0, 0, 5), eight);
    Map<String, float[]> halves = oneStep(new TuneSettings(1, 4, 2, 1e-3, 0.01, 0, 0, 0, 5), eight);
    for (String name : full.keySet()) {
      float[] a = full.get(name);
      float[] b = halves.get(name);
      for (int i = 0; i < a.length; i += 97) {
        assertThat(b[i]).as(name).isCloseTo(a[i], within(2e-5f));
      }
    }
  }

  private static Map<String, float[]> oneStep(TuneSettings settings, List<LabelledText> data)
      throws Exception {
    try (BertClassifier model = BertClassifier.create(still, BertHead.binary("n", "y"), null,
        32, 1)) {
      // Shuffling differs by nothing here: the same seed orders both runs the same way.
      new FineTuner<>(model, new ClassificationTask(null, 8), settings, TuneListener.silent())
          .run(data, List.of(), null);
      Map<String, float[]> out = new java.util.LinkedHashMap<>();
      model.parameters().forEach((name, p) -> out.put(name, p.getArray().toFloatArray()));
      return out;
    }
  }

  @Test
  void aRunKilledAfterAnEpochResumesToTheSameWeights() throws Exception {
    TuneSettings settings = settings(3, 8, 1, 0);
    List<LabelledText> train = sentiment(24, 0);
    List<LabelledText> dev = sentiment(8, 5);
    float[] straight;
    try (BertClassifier model = BertClassifier.create(still, BertHead.binary("n", "y"), null,
        32, 4)) {
      new FineTuner<>(model, new ClassificationTask(null, 8), settings, TuneListener.silent())
          .run(train, dev, dir.resolve("straight"));
      straight = model.parameters().get("classifier.weight").getArray().toFloatArray();
    }
    Path checkpoints = dir.resolve("killed");
    try (BertClassifier model = BertClassifier.create(still, BertHead.binary("n", "y"), null,
        32, 4)) {
      TuneListener killer = new TuneListener() {
        @Override
        public void step(int step, int total, double loss) {
          if (step == 7) {
            throw new IllegalStateException("killed");
          }
        }
      };
      assertThatThrownBy(() -> new FineTuner<>(model, new ClassificationTask(null, 8), settings,
          killer).run(train, dev, checkpoints)).hasMessage("killed");
    }
    List<Integer> resumedAt = new ArrayList<>();
    try (BertClassifier model = BertClassifier.create(still, BertHead.binary("n", "y"), null,
        32, 4)) {
      TuneResult result = new FineTuner<>(model, new ClassificationTask(null, 8), settings,
          new TuneListener() {
            @Override
            public void resumed(int epochsDone) {
              resumedAt.add(epochsDone);
            }
          }).run(train, dev, checkpoints);
      assertThat(resumedAt).containsExactly(2);
      assertThat(result.history()).hasSize(3);
      float[] resumed = model.parameters().get("classifier.weight").getArray().toFloatArray();
      for (int i = 0; i < straight.length; i++) {
        assertThat(resumed[i]).isCloseTo(straight[i], within(1e-6f));
      }
    }
    try (BertClassifier model = BertClassifier.create(still, BertHead.binary("n", "y"), null,
        32, 4)) {
      assertThatThrownBy(() -> new FineTuner<>(model, new ClassificationTask(null, 8),
          settings(5, 8, 1, 0), TuneListener.silent()).run(train, dev, checkpoints))
          .hasMessageContaining("state.json")
          .hasMessageContaining("other settings or data");
    }
  }

  @Test
  void earlyStoppingKeepsTheBestEpochsWeights() throws Exception {
    try (BertClassifier model = BertClassifier.create(base, BertHead.binary("n", "y"), null,
        32, 1)) {
      ClassificationTask task = new ClassificationTask(null, 16);
      TuneResult result = new FineTuner<>(model, task, settings(12, 8, 1, 1),
          TuneListener.silent()).run(sentiment(32, 0), sentiment(8, 2), dir.resolve("early"));
      assertThat(result.stoppedEarly()).isTrue();
      assertThat(result.history().size()).isLessThan(12);
      assertThat(task.score(model, sentiment(8, 2)))
          .isCloseTo(result.bestScore(), within(1e-9));
      // Run again on the same folder: it had stopped, so it stays stopped.
      TuneResult again = new FineTuner<>(model, task, settings(12, 8, 1, 1),
          TuneListener.silent()).run(sentiment(32, 0), sentiment(8, 2), dir.resolve("early"));
      assertThat(again.history()).hasSize(result.history().size());
      assertThat(again.stoppedEarly()).isTrue();
      assertThat(again.bestEpoch()).isEqualTo(result.bestEpoch());
    }
  }

  @Test
  void withoutAFolderTheBestEpochIsKeptInMemory() throws Exception {
    try (BertClassifier model = BertClassifier.create(base, BertHead.binary("n", "y"), null,
        32, 1)) {
      ClassificationTask task = new ClassificationTask(null, 16);
      // A rate this high overshoots after the first epochs, so the best is not the last.
      TuneResult result = new FineTuner<>(model, task,
          new TuneSettings(6, 8, 1, 5e-2, 0.0, 0.0, 0, 0, 5), TuneListener.silent())
          .run(sentiment(16, 0), sentiment(8, 2), null);
      assertThat(task.score(model, sentiment(8, 2)))
          .isCloseTo(result.bestScore(), within(1e-9));
    }
  }

  @Test
  void withAdaptersOnlyAdaptersAndHeadTrainAndTheBaseStaysFrozen() throws Exception {
    try (BertClassifier model = BertClassifier.create(base, BertHead.binary("n", "y"),
        LoraSettings.queryValue(4, 8), 32, 1)) {
      float[] query = model.parameters().get("bert.encoder.layer.0.attention.self.query.weight")
          .getArray().toFloatArray();
      float[] adapter = model.parameters()
          .get("bert.encoder.layer.0.attention.self.query.lora_B.weight").getArray()
          .toFloatArray();
      assertThat(model.trainable().keySet())
          .contains("classifier.weight", "bert.pooler.dense.weight",
              "bert.encoder.layer.0.attention.self.query.lora_A.weight")
          .doesNotContain("bert.encoder.layer.0.attention.self.query.weight");
      new FineTuner<>(model, new ClassificationTask(null, 16), settings(2, 8, 1, 0),
          TuneListener.silent()).run(sentiment(16, 0), List.of(), null);
      assertThat(model.parameters().get("bert.encoder.layer.0.attention.self.query.weight")
          .getArray().toFloatArray()).isEqualTo(query);
      assertThat(model.parameters()
          .get("bert.encoder.layer.0.attention.self.query.lora_B.weight").getArray()
          .toFloatArray()).isNotEqualTo(adapter);
    }
  }

  @Test
  void trainingLeavesNoArraysBehindInTheModelsManager() throws Exception {
    try (BertClassifier model = BertClassifier.create(base, BertHead.binary("n", "y"), null,
        32, 1)) {
      ClassificationTask task = new ClassificationTask(null, 16);
      new FineTuner<>(model, task, settings(1, 8, 2, 0), TuneListener.silent())
          .run(sentiment(16, 0), sentiment(8, 1), null);
      int afterOne = model.manager().getManagedArrays().size();
      new FineTuner<>(model, task, settings(3, 8, 2, 0), TuneListener.silent())
          .run(sentiment(16, 0), sentiment(8, 1), null);
      // The second run adds its own optimiser moments (two per parameter) and nothing per step.
      int moments = 2 * model.trainable().size();
      assertThat(model.manager().getManagedArrays().size()).isEqualTo(afterOne + moments);
    }
  }

  @Test
  void freezingTheLowestLayersLeavesThemAndTheEmbeddingsUntouched() throws Exception {
    try (BertClassifier model = BertClassifier.create(base, BertHead.binary("n", "y"), null,
        32, 1)) {
      float[] words = model.parameters().get("bert.embeddings.word_embeddings.weight")
          .getArray().toFloatArray();
      float[] low = model.parameters().get("bert.encoder.layer.0.output.dense.weight")
          .getArray().toFloatArray();
      float[] high = model.parameters().get("bert.encoder.layer.1.output.dense.weight")
          .getArray().toFloatArray();
      new FineTuner<>(model, new ClassificationTask(null, 16), settings(1, 8, 1, 0),
          TuneListener.silent()).freezingLowest(1).run(sentiment(16, 0), List.of(), null);
      assertThat(model.parameters().get("bert.embeddings.word_embeddings.weight").getArray()
          .toFloatArray()).isEqualTo(words);
      assertThat(model.parameters().get("bert.encoder.layer.0.output.dense.weight").getArray()
          .toFloatArray()).isEqualTo(low);
      assertThat(model.parameters().get("bert.encoder.layer.1.output.dense.weight").getArray()
          .toFloatArray()).isNotEqualTo(high);
    }
  }

  @Test
  void balancedWeightsMakeEachClassCountTheSame() {
    List<LabelledText> skewed = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      skewed.add(new LabelledText(TextPair.of("x" + i), i < 6 ? 0 : 1));
    }
    double[] weights = ClassificationTask.balancedWeights(skewed, 2);
    assertThat(weights[0] * 6).isCloseTo(weights[1] * 2, within(1e-12));
    assertThat(weights[0]).isCloseTo(8 / 12.0, within(1e-12));
  }
}
