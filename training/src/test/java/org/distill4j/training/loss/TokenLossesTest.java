package org.distill4j.training.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every loss against a plain double-precision reference on random logits. */
class TokenLossesTest {
  private static final int B = 3;
  private static final int T = 4;
  private static final int V = 7;
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  private static double[] logits(Random r, double scale) {
    double[] x = new double[B * T * V];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian() * scale;
    }
    return x;
  }

  private static NDArray array(double[] x, Shape shape) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return manager.create(f, shape);
  }

  private static double[] logSoftmax(double[] x, int offset, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < V; v++) {
      max = Math.max(max, x[offset + v] / temperature);
    }
    double sum = 0;
    for (int v = 0; v < V; v++) {
      sum += Math.exp(x[offset + v] / temperature - max);
    }
    double[] out = new double[V];
    for (int v = 0; v < V; v++) {
      out[v] = x[offset + v] / temperature - max - Math.log(sum);
    }
    return out;
  }

  private static double kl(double[] logA, double[] logB) {
    double s = 0;
    for (int v = 0; v < V; v++) {
      s += Math.exp(logA[v]) * (logA[v] - logB[v]);
    }
    return s;
  }

  private static double[] logMix(double[] logA, double[] logB, double a) {
    double[] out = new double[V];
    for (int v = 0; v < V; v++) {
      out[v] = Math.log(a * Math.exp(logA[v]) + (1 - a) * Math.exp(logB[v]));
    }
    return out;
  }

  // Mask: the first position of each row is prompt (0), the rest are labelled; weights differ.
  private static final float[] MASK = new float[B * T];
  private static final float[] WEIGHTS = new float[B * T];

  static {
    for (int b = 0; b < B; b++) {
      for (int t = 0; t < T; t++) {
        MASK[b * T + t] = t == 0 ? 0f : 1f;
        WEIGHTS[b * T + t] = t == 0 ? 0f : (float) (0.5 + b * 0.25);
      }
    }
  }

  private static double reference(double[] perPosition) {
    double sum = 0;
    double count = 0;
    for (int i = 0; i < B * T; i++) {
      sum += perPosition[i] * MASK[i] * WEIGHTS[i];
      count += MASK[i];
    }
    return sum / count;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void crossEntropyMatchesReference(long seed) {
    Random r = new Random(seed);
    double[] x = logits(r, 3);
    long[] labels = new long[B * T];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextInt(V);
    }
    float got = TokenLosses.crossEntropy(array(x, new Shape(B, T, V)),
        manager.create(labels, new Shape(B, T)), manager.create(MASK, new Shape(B, T)),
        manager.create(WEIGHTS, new Shape(B, T))).getFloat();
    double[] per = new double[B * T];
    for (int i = 0; i < B * T; i++) {
      per[i] = -logSoftmax(x, i * V, 1)[(int) labels[i]];
    }
    assertThat((double) got).isCloseTo(reference(per), within(1e-5)).isGreaterThanOrEqualTo(0);
  }

  @ParameterizedTest
  @EnumSource(Divergence.class)
  void divergenceMatchesReference(Divergence divergence) {
    for (double temperature : new double[] {1.0, 2.5}) {
      Random r = new Random(divergence.ordinal() * 31L + (long) (temperature * 10));
      double[] s = logits(r, 2);
      double[] t = logits(r, 2);
      float skew = 0.1f;
      float taidT = 0.3f;
      float got = TokenLosses.divergence(divergence, array(s, new Shape(B, T, V)),
          array(t, new Shape(B, T, V)), manager.create(MASK, new Shape(B, T)),
          manager.create(WEIGHTS, new Shape(B, T)), (float) temperature, skew, taidT).getFloat();
      double[] per = new double[B * T];
      for (int i = 0; i < B * T; i++) {
        double[] q = logSoftmax(s, i * V, temperature);
        double[] p = logSoftmax(t, i * V, temperature);
        double d = switch (divergence) {
          case FORWARD_KL -> kl(p, q);
          case REVERSE_KL -> kl(q, p);
          case SKEW_FORWARD_KL -> kl(p, logMix(p, q, skew));
          case SKEW_REVERSE_KL -> kl(q, logMix(q, p, skew));
          case TAID -> {
            double[] mixed = new double[V];
            for (int v = 0; v < V; v++) {
              mixed[v] = (1 - taidT) * s[i * V + v] + taidT * t[i * V + v];
            }
            yield kl(logSoftmax(mixed, 0, temperature), q);
          }
        };
        per[i] = d * temperature * temperature;
      }
      double expected = reference(per);
      assertThat(expected).isPositive();
      assertThat((double) got).as("%s at T=%s", divergence, temperature)
          .isCloseTo(expected, within(2e-5 + 1e-4 * expected)).isGreaterThanOrEqualTo(0);
    }
  }

  @ParameterizedTest
  @EnumSource(Divergence.class)
  void divergenceIsZeroWhenStudentEqualsTeacher(Divergence divergence) {
    double[] x = logits(new Random(9), 2);
    float got = TokenLosses.divergence(divergence, array(x, new Shape(B, T, V)),
        array(x, new Shape(B, T, V)), manager.create(MASK, new Shape(B, T)),
        manager.create(WEIGHTS, new Shape(B, T)), 2f, 0.1f, 0.5f).getFloat();
    assertThat((double) got).isCloseTo(0.0, within(1e-5)).isGreaterThanOrEqualTo(0);
  }
}
