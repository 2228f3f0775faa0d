package org.distill4j.filtering.dedup;

import java.util.Arrays;
import java.util.Locale;
import org.distill4j.filtering.stage.Assessment;

/**
 * The greedy rule of semantic dedup over vectors already computed: a record is a duplicate when
 * the cosine similarity of its vector with an earlier kept record's is at least the threshold;
 * otherwise it is kept and becomes an anchor for later records. Records must be offered in input
 * order, since which records are kept depends on which earlier ones were. Vectors are
 * unit-normalised so cosine is a dot product, compared exhaustively (exact, no index).
 *
 * <p>{@link SemanticDedupCritic} embeds each batch and offers its records here; a distributed run
 * can embed elsewhere and offer the vectors in input order, with the same verdicts.
 *
 * <p>State: the dimension's floats per kept record plus its 16-byte id.
 */
public final class KeptVectors {
  private final double threshold;
  private final IdTable ids = new IdTable();
  private float[] vectors = new float[0];
  private int dim = -1;

  /** @param threshold cosine similarity at and above which a record is a duplicate, in (0, 1] */
  public KeptVectors(double threshold) {
    if (threshold <= 0 || threshold > 1) {
      throw new IllegalArgumentException("threshold must be in (0, 1], found " + threshold);
    }
    this.threshold = threshold;
  }

  /**
   * Judges the next record in input order: rejected as a duplicate of the closest kept record at
   * or above the threshold (score: that cosine), else kept (score: the closest cosine, 0 when
   * nothing was kept before) and remembered.
   *
   * @param id the record's content id (32 hex digits), named in later rejections
   * @param embedding its vector, as the embedder returned it (normalised here)
   */
  public Assessment offer(String id, float[] embedding) {
    float[] v = unit(embedding);
    if (dim < 0) {
      dim = v.length;
    } else if (v.length != dim) {
      throw new IllegalArgumentException("a vector of " + v.length + " dimensions after vectors"
          + " of " + dim);
    }
    int best = -1;
    float bestSim = -2;
    int n = ids.size();
    for (int j = 0; j < n; j++) {
      float dot = 0;
      int base = j * dim;
      for (int d = 0; d < dim; d++) {
        dot += v[d] * vectors[base + d];
      }
      if (dot > bestSim) {
        bestSim = dot;
        best = j;
      }
    }
    if (best >= 0 && bestSim >= threshold) {
      return Assessment.reject(String.format(Locale.ROOT,
          "semantic duplicate of %s (cosine %.3f)", ids.get(best), bestSim), bestSim);
    }
    int ord = ids.add(id);
    if ((ord + 1) * dim > vectors.length) {
      vectors = Arrays.copyOf(vectors, Math.max((ord + 1) * dim, vectors.length * 2));
    }
    System.arraycopy(v, 0, vectors, ord * dim, dim);
    return Assessment.keep(best >= 0 ? bestSim : 0);
  }

  /** How many records were kept so far. */
  public int kept() {
    return ids.size();
  }

  static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }
}
