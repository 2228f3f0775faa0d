package org.distill4j.kb.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges several rankings into one by reciprocal rank fusion (Cormack et al., 2009): each list
 * gives an item {@code 1 / (c + rank)}, rank counted from 1, and the sums are sorted. It needs no
 * score calibration between BM25 and cosine, which is why hybrid search uses it.
 */
public final class ReciprocalRankFusion {
  /** The usual damping constant; larger values flatten the advantage of top ranks. */
  public static final int DEFAULT_C = 60;

  private ReciprocalRankFusion() {}

  /** A fused item: its key and summed score. */
  public record Fused(String key, double score) {}

  /** The fused ranking of {@code rankings} (each a list of keys, best first), best first. */
  public static List<Fused> fuse(List<List<String>> rankings, int c) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (List<String> ranking : rankings) {
      for (int i = 0; i < ranking.size(); i++) {
        sums.merge(ranking.get(i), 1.0 / (c + i + 1), Double::sum);
      }
    }
    List<Fused> out = new ArrayList<>(sums.size());
    sums.forEach((key, score) -> out.add(new Fused(key, score)));
    // Ties keep first-seen order (the stable sort), so BM25's order breaks them.
    out.sort(Comparator.comparingDouble(Fused::score).reversed());
    return out;
  }
}
