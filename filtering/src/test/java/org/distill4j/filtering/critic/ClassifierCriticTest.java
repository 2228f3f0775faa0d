package org.distill4j.filtering.critic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.Fixtures;
import org.distill4j.filtering.stage.Assessment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trains the DJL network on a few hundred synthetic points: seconds on CPU. */
class ClassifierCriticTest {
  @TempDir Path dir;

  /** 8-d "embedding": dimension 0 says whether the text contains "good"; the rest is noise. */
  static final class WordEmbedder implements TextEmbedder {
    @Override
    public List<float[]> embed(List<String> texts) {
      List<float[]> out = new ArrayList<>();
      for (String text : texts) {
        Random r = new Random(text.hashCode());
        float[] v = new float[8];
        for (int i = 1; i < 8; i++) {
          v[i] = (float) r.nextGaussian() * 0.3f;
        }
        v[0] = text.contains("good") ? 1 : -1;
        out.add(v);
      }
      return out;
    }
  }

  private static float[][] points(Random r, int n, boolean[] labels, double[][] side) {
    float[][] x = new float[n][8];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 8; j++) {
        x[i][j] = (float) r.nextGaussian();
      }
      side[i] = new double[] {r.nextGaussian() * 5 + 100};
      // Separable signal spread over one embedding dimension and the (unscaled) side feature.
      labels[i] = x[i][2] + (side[i][0] - 100) / 5 > 0;
    }
    return x;
  }

  @Test
  void learnsASeparableSignalDeterministicallyAndSurvivesSaveLoad() {
    Random r = new Random(1);
    boolean[] y = new boolean[400];
    double[][] s = new double[400][];
    float[][] x = points(r, 400, y, s);
    boolean[] ty = new boolean[200];
    double[][] ts = new double[200][];
    float[][] tx = points(r, 200, ty, ts);
    CriticSettings settings = new CriticSettings(16, 40, 32, 1e-2f, 0, 3);
    TextEmbedder embedder = new WordEmbedder();
    try (ClassifierCritic c = ClassifierCritic.trainOnFeatures(x, s, y, List.of("nll"), settings,
        embedder);
        ClassifierCritic again = ClassifierCritic.trainOnFeatures(x, s, y, List.of("nll"),
            settings, embedder)) {
      float[] p = c.scoreFeatures(tx, ts);
      double[] pd = new double[p.length];
      for (int i = 0; i < p.length; i++) {
        pd[i] = p[i];
      }
      assertThat(new Calibration(pd, ty).averagePrecision()).isGreaterThan(0.95);
      assertThat(again.scoreFeatures(tx, ts)).containsExactly(p);

      c.withThreshold(0.7).save(dir.resolve("model"));
      try (ClassifierCritic loaded = ClassifierCritic.load(dir.resolve("model"), embedder)) {
        assertThat(loaded.info().threshold()).isEqualTo(0.7);
        assertThat(loaded.info().sideFeatures()).containsExactly("nll");
        assertThat(loaded.scoreFeatures(tx, ts)).containsExactly(p);
      }
    }
  }

  @Test
  void trainsOnTextAndJudgesRecordsUsingTheirScoresAsSideFeatures() {
    List<CriticExample> ex = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      boolean good = i % 2 == 0;
      ex.add(new CriticExample((good ? "a good tail " : "a bad tail ") + i, new double[] {i % 7},
          good));
    }
    try (ClassifierCritic c = ClassifierCritic.train(ex, List.of("teacher.nll"),
        new CriticSettings(8, 30, 16, 1e-2f, 0, 5), new WordEmbedder())) {
      CorpusRecord good = Fixtures.triple("PersonX helps", "xAttr", "good").withScore("teacher.nll",
          3);
      CorpusRecord bad = Fixtures.triple("PersonX helps", "xAttr", "rude").withScore("teacher.nll",
          3);
      List<Assessment> a = c.assess(List.of(good, bad));
      assertThat(a.get(0).kept()).isTrue();
      assertThat(a.get(0).scores().get("")).isGreaterThan(0.5);
      assertThat(a.get(1).kept()).isFalse();
      assertThat(a.get(1).reason()).startsWith("critic score 0.");
      CorpusRecord missing = Fixtures.triple("PersonX helps", "xAttr", "good");
      assertThatThrownBy(() -> c.assess(List.of(missing))).isInstanceOf(InputException.class)
          .hasMessageContaining("no score \"teacher.nll\"");
    }
  }

  @Test
  void loadingAFolderWithoutAModelSaysWhatToDo() {
    assertThatThrownBy(() -> ClassifierCritic.load(dir, new WordEmbedder()))
        .isInstanceOf(InputException.class).hasMessageContaining("distill critic train");
  }
}
