package org.distill4j.filtering.critic;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Comparator;

/**
 * Quality of a critic's scores on a labelled dev set, and the threshold that meets a target
 * precision or recall. Items are ranked by score, highest first; keeping the top {@code k} gives
 * precision = accepted among kept / k and recall = accepted among kept / all accepted.
 */
public final class Calibration {
  private final double[] sorted; // scores, descending
  private final boolean[] labels; // aligned with sorted
  private final int positives;

  /** @param scores higher = better; @param accepted the labels, aligned with scores */
  public Calibration(double[] scores, boolean[] accepted) {
    if (scores.length != accepted.length || scores.length == 0) {
      throw new IllegalArgumentException("need the same positive number of scores and labels, "
          + "found " + scores.length + " and " + accepted.length);
    }
    Integer[] idx = new Integer[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
    sorted = new double[scores.length];
    labels = new boolean[scores.length];
    int pos = 0;
    for (int r = 0; r < idx.length; r++) {
      sorted[r] = scores[idx[r]];
      labels[r] = accepted[idx[r]];
      if (labels[r]) {
        pos++;
      }
    }
    if (pos == 0) {
      throw new IllegalArgumentException("the dev set has no accepted item; precision and recall"
          + " are undefined");
    }
    positives = pos;
  }

  /** Share of accepted items: the precision of keeping everything. */
  public double prevalence() {
    return (double) positives / labels.length;
  }

  /**
   * Average precision: the mean, over accepted items, of the precision at each one's rank. Tied
   * scores are counted at the end of their tie group, so ties never flatter the score.
   */
  public double averagePrecision() {
    double sum = 0;
    int tp = 0;
    int r = 0;
    while (r < sorted.length) {
      int end = r;
      int groupPos = 0;
      while (end < sorted.length && sorted[end] == sorted[r]) {
        if (labels[end]) {
          groupPos++;
        }
        end++;
      }
      tp += groupPos;
      sum += groupPos * ((double) tp / end);
      r = end;
    }
    return sum / positives;
  }

  /** Precision when keeping the top {@code retention} share of items (e.g. 0.3). */
  public double precisionAtRetention(double retention) {
    int k = Math.max(1, (int) Math.round(retention * sorted.length));
    int tp = 0;
    for (int r = 0; r < k; r++) {
      if (labels[r]) {
        tp++;
      }
    }
    return (double) tp / k;
  }

  /**
   * A cut-off and what it achieves.
   *
   * @param threshold keep items scoring at least this
   * @param precision accepted share of the kept items
   * @param recall share of all accepted items that are kept
   * @param retention share of all items kept
   */
  @JsonPropertyOrder({"threshold", "precision", "recall", "retention"})
  public record Cutoff(double threshold, double precision, double recall, double retention) {}

  /** The cut-off at {@code threshold}. */
  public Cutoff at(double threshold) {
    int k = 0;
    int tp = 0;
    while (k < sorted.length && sorted[k] >= threshold) {
      if (labels[k]) {
        tp++;
      }
      k++;
    }
    return new Cutoff(threshold, k == 0 ? 1 : (double) tp / k, (double) tp / positives,
        (double) k / sorted.length);
  }

  /**
   * The lowest threshold (keeping the most) whose precision is at least {@code target}; null
   * when no threshold reaches it.
   */
  public Cutoff forPrecision(double target) {
    Cutoff best = null;
    for (int end : groupEnds()) {
      Cutoff c = at(sorted[end - 1]);
      if (c.precision() >= target) {
        best = c;
      }
    }
    return best;
  }

  /** The highest threshold (keeping the fewest) whose recall is at least {@code target}. */
  public Cutoff forRecall(double target) {
    for (int end : groupEnds()) {
      Cutoff c = at(sorted[end - 1]);
      if (c.recall() >= target) {
        return c;
      }
    }
    return at(sorted[sorted.length - 1]);
  }

  /**
   * The cut-off with the highest precision (keeping the most among equals), so a target that no
   * threshold reaches can be reported with how close the dev set came.
   */
  public Cutoff mostPrecise() {
    Cutoff best = null;
    for (int end : groupEnds()) {
      Cutoff c = at(sorted[end - 1]);
      if (best == null || c.precision() >= best.precision()) {
        best = c;
      }
    }
    return best;
  }

  private int[] groupEnds() {
    int[] ends = new int[sorted.length];
    int n = 0;
    for (int r = 0; r < sorted.length; r++) {
      if (r + 1 == sorted.length || sorted[r + 1] != sorted[r]) {
        ends[n++] = r + 1;
      }
    }
    return Arrays.copyOf(ends, n);
  }

  /**
   * The numbers a calibration reports.
   *
   * @param items dev-set size
   * @param prevalence accepted share
   * @param averagePrecision see {@link #averagePrecision()}
   * @param precisionAt30 precision keeping the top 30 %
   * @param precisionAt50 precision keeping the top 50 %
   * @param precisionAt70 precision keeping the top 70 %
   * @param chosen the cut-off chosen for the target, or null when none reaches it
   */
  @JsonPropertyOrder({"items", "prevalence", "averagePrecision", "precisionAt30", "precisionAt50",
      "precisionAt70", "chosen"})
  public record Report(int items, double prevalence, double averagePrecision,
      double precisionAt30, double precisionAt50, double precisionAt70, Cutoff chosen) {}

  /** The report, with {@code chosen} as the selected cut-off. */
  public Report report(Cutoff chosen) {
    return new Report(sorted.length, prevalence(), averagePrecision(), precisionAtRetention(0.3),
        precisionAtRetention(0.5), precisionAtRetention(0.7), chosen);
  }
}
