package org.distill4j.filtering.dedup;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Drops records that say the same thing in other words: the cosine similarity of their
 * embeddings (all-MiniLM-L6-v2 in process, through LangChain4j) with an earlier kept record is at
 * least {@code threshold}. Each batch is embedded with one {@code embed} call; vectors are
 * unit-normalised so cosine is a dot product, and compared exhaustively with the kept ones
 * (exact, no index: the embedding, not the comparison, is the cost up to about 10^5 records).
 *
 * <p>State: 384 floats per kept record plus its 16-byte id.
 */
public final class SemanticDedupCritic implements Critic {
  private final TextEmbedder model;
  private final double threshold;
  private final IdTable ids = new IdTable();
  private float[] vectors = new float[0];
  private int dim = -1;

  /**
   * @param model the embedder, e.g. {@code MiniLm.embedder()}
   * @param threshold cosine similarity at and above which a record is a duplicate, in (0, 1]
   */
  public SemanticDedupCritic(TextEmbedder model, double threshold) {
    if (threshold <= 0 || threshold > 1) {
      throw new IllegalArgumentException("threshold must be in (0, 1], found " + threshold);
    }
    this.model = model;
    this.threshold = threshold;
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    if (batch.isEmpty()) {
      return List.of();
    }
    List<float[]> embeddings =
        model.embed(batch.stream().map(r -> r.knowledge().text()).toList());
    List<Assessment> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      float[] v = unit(embeddings.get(i));
      if (dim < 0) {
        dim = v.length;
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
        out.add(Assessment.reject(String.format(Locale.ROOT,
            "semantic duplicate of %s (cosine %.3f)", ids.get(best), bestSim), bestSim));
        continue;
      }
      int ord = ids.add(batch.get(i).id());
      if ((ord + 1) * dim > vectors.length) {
        vectors = Arrays.copyOf(vectors, Math.max((ord + 1) * dim, vectors.length * 2));
      }
      System.arraycopy(v, 0, vectors, ord * dim, dim);
      out.add(Assessment.keep(best >= 0 ? bestSim : 0));
    }
    return out;
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
