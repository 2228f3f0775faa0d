package org.distill4j.neural.tune;

import java.util.Arrays;
import java.util.Comparator;

/** Scores of a ranking against binary truth. */
public final class Ranking {
  private Ranking() {}

  /**
   * Average precision of ranking by {@code scores}, highest first: the mean, over positives, of
   * the precision at each positive's rank. Ties are ranked in input order. NaN without
   * positives, and NaN when any score is NaN: a model that outputs NaN ranks nothing, and
   * ranking NaNs in input order would report the data's own order as the model's.
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
    double sum = 0;
    int hits = 0;
    for (int rank = 0; rank < order.length; rank++) {
      if (positive[order[rank]]) {
        hits++;
        sum += hits / (double) (rank + 1);
      }
    }
    return hits == 0 ? Double.NaN : sum / hits;
  }
}
