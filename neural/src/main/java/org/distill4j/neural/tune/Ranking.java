package org.distill4j.neural.tune;

import java.util.Arrays;
import java.util.Comparator;

/** Scores of a ranking against binary truth. */
public final class Ranking {
  private Ranking() {}

  /**
   * Average precision of ranking by {@code scores}, highest first, as scikit-learn computes it:
   * the sum over distinct score thresholds of the precision there times the share of positives
   * the threshold adds. Tied items enter together, so the data's own order never counts (a
   * constant score gives the positive share). NaN without positives, and NaN when any score is
   * NaN: a model that outputs NaN ranks nothing.
   */
  public static double averagePrecision(double[] scores, boolean[] positive) {
    for (double score : scores) {
      if (Double.isNaN(score)) {
        return Double.NaN;
      }
    }
    Integer[] order = new Integer[scores.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
    int total = 0;
    for (boolean p : positive) {
      total += p ? 1 : 0;
    }
    double sum = 0;
    int hits = 0;
    int rank = 0;
    while (rank < order.length) {
      int added = 0;
      double score = scores[order[rank]];
      while (rank < order.length && scores[order[rank]] == score) {
        added += positive[order[rank]] ? 1 : 0;
        rank++;
      }
      hits += added;
      sum += added * (hits / (double) rank);
    }
    return total == 0 ? Double.NaN : sum / total;
  }
}
