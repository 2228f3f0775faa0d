package org.distill4j.filtering.critic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.testing.TinyBert;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderCriticTest {
  @TempDir static Path dir;
  static Path base;

  @BeforeAll
  static void makeBase() throws Exception {
    base = TinyBert.write(dir.resolve("base"), 5, 0.0);
  }

  static List<CriticExample> explanations(int n) {
    List<CriticExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean good = i % 2 == 0;
      out.add(new CriticExample("why is the sky blue " + i + EncoderCritic.PAIR_SEPARATOR
          + (good ? "because air scatters blue light" : "no idea really"), null, good));
    }
    return out;
  }

  static EncoderSettings settings() {
    return new EncoderSettings(base, new TuneSettings(6, 8, 1, 2e-3, 0.01, 0.1, 1.0, 0, 3), 32,
        0, null, false);
  }

  @Test
  void aTrainedCriticSavesLoadsAndKeepsWhatItsThresholdAllows() {
    Path saved = dir.resolve("critic");
    float[] before;
    List<String> texts = explanations(8).stream().map(CriticExample::text).toList();
    try (EncoderCritic critic = EncoderCritic.train(settings(), explanations(32),
        explanations(8), TuneListener.silent())) {
      assertThat(critic.training().bestScore()).isEqualTo(1.0);
      before = critic.score(texts, new double[0][]);
      critic.withThreshold(0.6).save(saved);
    }
    assertThat(saved.resolve("config.json")).exists();
    try (SavedCritic loaded = SavedCritic.load(saved, null)) {
      assertThat(loaded).isInstanceOf(EncoderCritic.class);
      assertThat(loaded.score(texts, new double[0][])).containsExactly(before);
      assertThat(loaded.embedsTexts()).isFalse();
      assertThat(loaded.sideFeatures()).isEmpty();
    }
    assertRanksAcceptedFirst(before, i -> i % 2 == 0);
  }

  /** Every accepted item scores above every rejected one. */
  static void assertRanksAcceptedFirst(float[] scores, java.util.function.IntPredicate accepted) {
    double worstAccepted = Double.POSITIVE_INFINITY;
    double bestRejected = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < scores.length; i++) {
      if (accepted.test(i)) {
        worstAccepted = Math.min(worstAccepted, scores[i]);
      } else {
        bestRejected = Math.max(bestRejected, scores[i]);
      }
    }
    assertThat(worstAccepted).isGreaterThan(bestRejected);
  }

  @Test
  void theTablesPairSeparatorSplitsBackIntoTwoSegments() {
    assertThat(EncoderCritic.pairOf("question" + EncoderCritic.PAIR_SEPARATOR + "answer"))
        .isEqualTo(new TextPair("question", "answer"));
    assertThat(EncoderCritic.pairOf("just a text")).isEqualTo(TextPair.of("just a text"));
  }

  @Test
  void crossValidationRetrainsTheEncoderPerFold() {
    List<CriticExample> data = explanations(24);
    CriticTrainer trainer = new EncoderCriticTrainer(settings(), TuneListener.silent());
    try (TrainedCritic fold = trainer.train(data.subList(0, 16))) {
      double[] scores = fold.score(data.subList(16, 24));
      float[] asFloats = new float[scores.length];
      for (int i = 0; i < scores.length; i++) {
        asFloats[i] = (float) scores[i];
      }
      assertRanksAcceptedFirst(asFloats, i -> data.get(16 + i).accepted());
    }
  }

  @Test
  void aMissingBaseIsNamed() {
    EncoderSettings missing = new EncoderSettings(dir.resolve("nowhere"),
        TuneSettings.defaults(), 32, 0, null, false);
    assertThatThrownBy(() -> EncoderCritic.train(missing, explanations(4), List.of(),
        TuneListener.silent())).isInstanceOf(InputException.class)
        .hasMessageContaining("nowhere").hasMessageContaining("config.json");
    assertThat(Files.exists(dir.resolve("nowhere"))).isFalse();
  }
}
