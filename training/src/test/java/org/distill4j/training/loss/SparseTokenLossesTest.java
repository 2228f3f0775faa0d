package org.distill4j.training.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each sparse divergence against a plain double-precision reference on random inputs. */
class SparseTokenLossesTest {
  private static final int B = 2;
  private static final int P = 3;
  private static final int V = 11;
  private static final int K = 4;
  private static final float SKEW = 0.1f;
  private static final float TAID_T = 0.4f;
  private static NDManager manager;

  @BeforeAll
  static void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterAll
  static void close() {
    manager.close();
  }

  /** Random inputs: the teacher's top-k of a random distribution, some slots and positions off. */
  private record Inputs(double[] student, long[] ids, double[] lp, float[] valid, float[] mask,
      float[] weights) {
    static Inputs random(Random r) {
      double[] student = new double[B * P * V];
      for (int i = 0; i < student.length; i++) {
        student[i] = r.nextGaussian() * 2;
      }
      long[] ids = new long[B * P * K];
      double[] lp = new double[B * P * K];
      float[] valid = new float[B * P * K];
      float[] mask = new float[B * P];
      float[] weights = new float[B * P];
      for (int pos = 0; pos < B * P; pos++) {
        double[] logits = new double[V];
        for (int v = 0; v < V; v++) {
          logits[v] = r.nextGaussian() * 3;
        }
        double[] logp = logSoftmax(logits, 1);
        Integer[] order = new Integer[V];
        for (int v = 0; v < V; v++) {
          order[v] = v;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(logp[b], logp[a]));
        int count = pos == 1 ? 2 : K; // one short top list
        for (int j = 0; j < K; j++) {
          ids[pos * K + j] = j < count ? order[j] : 0;
          lp[pos * K + j] = j < count ? logp[order[j]] : Double.NEGATIVE_INFINITY;
          valid[pos * K + j] = j < count ? 1 : 0;
        }
        mask[pos] = pos == 4 ? 0 : 1;
        weights[pos] = 0.5f + r.nextFloat();
      }
      return new Inputs(student, ids, lp, valid, mask, weights);
    }
  }

  private static double[] logSoftmax(double[] x, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v / temperature);
    }
    double sum = 0;
    for (double v : x) {
      sum += Math.exp(v / temperature - max);
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] / temperature - max - Math.log(sum);
    }
    return out;
  }

  private static double kl(double[] logA, double[] logB) {
    double s = 0;
    for (int i = 0; i < logA.length; i++) {
      s += Math.exp(logA[i]) * (logA[i] - logB[i]);
    }
    return s;
  }

  private static double[] logMix(double[] logA, double[] logB, double a) {
    double[] out = new double[logA.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.log(a * Math.exp(logA[i]) + (1 - a) * Math.exp(logB[i]));
    }
    return out;
  }

  /** The documented definition, on the valid slots only, in doubles. */
  private static double reference(Divergence d, Inputs in, double temperature) {
    double total = 0;
    double count = 0;
    for (int pos = 0; pos < B * P; pos++) {
      int n = 0;
      while (n < K && in.valid[pos * K + n] == 1) {
        n++;
      }
      double[] s = new double[n];
      double[] t = new double[n];
      for (int j = 0; j < n; j++) {
        s[j] = in.student[pos * V + (int) in.ids[pos * K + j]];
        t[j] = in.lp[pos * K + j];
      }
      double[] logQ = logSoftmax(s, temperature);
      double[] logP = logSoftmax(t, temperature);
      double loss = switch (d) {
        case FORWARD_KL -> kl(logP, logQ);
        case REVERSE_KL -> kl(logQ, logP);
        case SKEW_FORWARD_KL -> kl(logP, logMix(logP, logQ, SKEW));
        case SKEW_REVERSE_KL -> kl(logQ, logMix(logQ, logP, SKEW));
        case TAID -> {
          double[] mixed = new double[n];
          for (int j = 0; j < n; j++) {
            mixed[j] = ((1 - TAID_T) * s[j] + TAID_T * t[j]) / temperature;
          }
          yield kl(logSoftmax(mixed, 1), logQ);
        }
      };
      total += in.mask[pos] * in.weights[pos] * Math.max(0, loss) * temperature * temperature;
      count += in.mask[pos];
    }
    return total / Math.max(1, count);
  }

  private static NDArray floats(double[] x, Shape shape) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return manager.create(f, shape);
  }

  @ParameterizedTest
  @EnumSource(Divergence.class)
  void equalsTheDoubleReferenceAndGradientsReachTheStudent(Divergence d) {
    long seed = 7_000L + d.ordinal();
    Random r = new Random(seed);
    for (double temperature : new double[] {1.0, 2.0}) {
      Inputs in = Inputs.random(r);
      NDArray student = floats(in.student(), new Shape(B, P, V));
      student.setRequiresGradient(true);
      NDArray loss;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        loss = SparseTokenLosses.divergence(d, student,
            manager.create(in.ids(), new Shape(B, P, K)), floats(in.lp(), new Shape(B, P, K)),
            manager.create(in.valid(), new Shape(B, P, K)), manager.create(in.mask(),
                new Shape(B, P)), manager.create(in.weights(), new Shape(B, P)),
            (float) temperature, SKEW, TAID_T);
        gc.backward(loss);
      }
      assertThat((double) loss.getFloat()).as("seed %d, T=%s", seed, temperature)
          .isCloseTo(reference(d, in, temperature), within(1e-5));
      float[] grad = student.getGradient().toFloatArray();
      double norm = 0;
      for (float g : grad) {
        assertThat(Float.isFinite(g)).isTrue();
        norm += Math.abs(g);
      }
      assertThat(norm).as("gradient reaches the student").isGreaterThan(1e-6);
      // Only the teacher's valid top-k ids of counted positions can pull on the student.
      for (int pos = 0; pos < B * P; pos++) {
        for (int v = 0; v < V; v++) {
          boolean inTop = false;
          for (int j = 0; j < K; j++) {
            inTop |= in.valid()[pos * K + j] == 1 && in.ids()[pos * K + j] == v;
          }
          if (!inTop || in.mask()[pos] == 0) {
            assertThat(grad[pos * V + v]).isEqualTo(0f);
          }
        }
      }
    }
  }
}
