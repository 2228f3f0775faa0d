package org.distill4j.training.model;

import java.util.Arrays;
import java.util.Random;
import org.distill4j.training.tokenizer.TextTokenizer;

/** Picking tokens from logits: log-probabilities, the top ids, and one greedy or sampled pick. */
final class TokenChoice {
  private TokenChoice() {}

  /** Log-softmax of {@code all[offset, offset + vocab)}, with PAD, BOS and SEP impossible. */
  static double[] logSoftmax(float[] all, int offset, int vocab) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, all[offset + v]);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(all[offset + v] - max);
    }
    double log = max + Math.log(sum);
    double[] out = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      out[v] = all[offset + v] - log;
    }
    // Padding, start and separator are never produced.
    out[TextTokenizer.PAD] = Double.NEGATIVE_INFINITY;
    out[TextTokenizer.BOS] = Double.NEGATIVE_INFINITY;
    out[TextTokenizer.SEP] = Double.NEGATIVE_INFINITY;
    return out;
  }

  /** The ids of the {@code k} highest values, highest first (stable for ties). */
  static int[] topIds(double[] values, int k) {
    Integer[] order = new Integer[values.length];
    for (int v = 0; v < values.length; v++) {
      order[v] = v;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    int[] out = new int[Math.min(k, values.length)];
    for (int j = 0; j < out.length; j++) {
      out[j] = order[j];
    }
    return out;
  }

  /** The next token: the arg-max when greedy, else a sample at the decoding's temperature. */
  static int pick(float[] logits, Decoding decoding, Random random) {
    // Padding, start and separator are never produced.
    logits[TextTokenizer.PAD] = Float.NEGATIVE_INFINITY;
    logits[TextTokenizer.BOS] = Float.NEGATIVE_INFINITY;
    logits[TextTokenizer.SEP] = Float.NEGATIVE_INFINITY;
    if (decoding.isGreedy()) {
      int best = 0;
      for (int v = 1; v < logits.length; v++) {
        if (logits[v] > logits[best]) {
          best = v;
        }
      }
      return best;
    }
    return sample(logits, decoding, random);
  }

  private static int sample(float[] logits, Decoding decoding, Random random) {
    float cutoff = Float.NEGATIVE_INFINITY;
    if (decoding.topK() > 0 && decoding.topK() < logits.length) {
      float[] sorted = logits.clone();
      Arrays.sort(sorted);
      cutoff = sorted[sorted.length - decoding.topK()];
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int v = 0; v < logits.length; v++) {
      if (logits[v] >= cutoff && logits[v] > Float.NEGATIVE_INFINITY) {
        p[v] = Math.exp((logits[v] - max) / decoding.temperature());
        sum += p[v];
      }
    }
    double u = random.nextDouble() * sum;
    for (int v = 0; v < p.length; v++) {
      u -= p[v];
      if (u <= 0 && p[v] > 0) {
        return v;
      }
    }
    return TextTokenizer.EOS;
  }
}
