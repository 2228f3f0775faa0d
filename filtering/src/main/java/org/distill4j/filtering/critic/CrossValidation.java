package org.distill4j.filtering.critic;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Out-of-fold evaluation of a {@link FoldRanking}: each fold's items are scored by a ranking that
 * saw only the other folds, and the scores are pooled into one {@link Calibration}. With a target
 * precision, each fold also picks its threshold on its own training part's scores (as {@code
 * critic calibrate} would on data the critic was trained on) and the pooled held-out items show
 * what that threshold really achieves.
 */
public final class CrossValidation {
  private CrossValidation() {}

  /**
   * A ranking's out-of-fold quality.
   *
   * @param name what was ranked
   * @param items held-out items scored
   * @param prevalence accepted share among them
   * @param averagePrecision AP of the pooled out-of-fold scores
   * @param foldApMean mean AP over folds (folds without an accepted item left out)
   * @param foldApSd standard deviation of the per-fold AP (0 for one fold)
   * @param precisionAt30 precision keeping the top 30 %
   * @param precisionAt50 precision keeping the top 50 %
   * @param precisionAt70 precision keeping the top 70 %
   * @param accuracyAtHalf share of items whose score is on the right side of 0.5, meaningful for
   *     probabilities only
   * @param thresholds with a target precision: the threshold each fold picked on its training
   *     part (NaN where none reached the target), else empty
   * @param heldOut with a target precision: precision, recall and retention on the pooled
   *     held-out items of keeping those at or above their fold's threshold, else null
   */
  @JsonPropertyOrder({"name", "items", "prevalence", "averagePrecision", "foldApMean",
      "foldApSd", "precisionAt30", "precisionAt50", "precisionAt70", "accuracyAtHalf",
      "thresholds", "heldOut"})
  public record Result(String name, int items, double prevalence, double averagePrecision,
      double foldApMean, double foldApSd, double precisionAt30, double precisionAt50,
      double precisionAt70, double accuracyAtHalf, List<Double> thresholds,
      Calibration.Cutoff heldOut) {}

  /**
   * Evaluates {@code ranking}.
   *
   * @param fold each item's fold, 0..folds-1; -1 marks an item that is only ever trained on
   *     (a fixed training file beside a held-out test file)
   * @param targetPrecision null, or the precision each fold's threshold must reach on its
   *     training part
   */
  public static Result run(String name, FoldRanking ranking, boolean[] labels, int[] fold,
      int folds, Double targetPrecision) {
    double[] oof = new double[labels.length];
    boolean[] kept = new boolean[labels.length];
    List<Double> thresholds = new ArrayList<>();
    double[] foldAp = new double[folds];
    for (int f = 0; f < folds; f++) {
      int ff = f;
      int[] train = IntStream.range(0, labels.length).filter(i -> fold[i] != ff).toArray();
      int[] test = IntStream.range(0, labels.length).filter(i -> fold[i] == ff).toArray();
      FoldRanking.FoldScores s = ranking.score(train, test);
      for (int j = 0; j < test.length; j++) {
        oof[test[j]] = s.test()[j];
      }
      foldAp[f] = averagePrecision(s.test(), pick(labels, test));
      if (targetPrecision != null) {
        Calibration.Cutoff c = new Calibration(s.train(), pick(labels, train))
            .forPrecision(targetPrecision);
        double t = c == null ? Double.NaN : c.threshold();
        thresholds.add(t);
        for (int j = 0; j < test.length; j++) {
          kept[test[j]] = !Double.isNaN(t) && s.test()[j] >= t;
        }
      }
    }
    int[] scored = IntStream.range(0, labels.length).filter(i -> fold[i] >= 0).toArray();
    double[] pooled = pickScores(oof, scored);
    boolean[] pooledLabels = pick(labels, scored);
    Calibration all = new Calibration(pooled, pooledLabels);
    double[] apStats = meanSd(foldAp);
    int right = 0;
    for (int j = 0; j < pooled.length; j++) {
      right += (pooled[j] >= 0.5) == pooledLabels[j] ? 1 : 0;
    }
    return new Result(name, pooled.length, all.prevalence(), all.averagePrecision(), apStats[0],
        apStats[1], all.precisionAtRetention(0.3), all.precisionAtRetention(0.5),
        all.precisionAtRetention(0.7), (double) right / pooled.length, thresholds,
        targetPrecision == null ? null : heldOut(pick(kept, scored), pooledLabels));
  }

  /** Precision, recall and retention of keeping the marked items (threshold NaN: per fold). */
  static Calibration.Cutoff heldOut(boolean[] kept, boolean[] labels) {
    int k = 0;
    int tp = 0;
    int pos = 0;
    for (int i = 0; i < labels.length; i++) {
      k += kept[i] ? 1 : 0;
      tp += kept[i] && labels[i] ? 1 : 0;
      pos += labels[i] ? 1 : 0;
    }
    return new Calibration.Cutoff(Double.NaN, k == 0 ? 1 : (double) tp / k,
        pos == 0 ? 0 : (double) tp / pos, (double) k / labels.length);
  }

  private static double averagePrecision(double[] scores, boolean[] labels) {
    for (boolean l : labels) {
      if (l) {
        return new Calibration(scores, labels).averagePrecision();
      }
    }
    return Double.NaN; // a fold without an accepted item has no AP
  }

  private static double[] meanSd(double[] v) {
    double[] ok = java.util.Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
    if (ok.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double mean = java.util.Arrays.stream(ok).average().orElseThrow();
    double var = java.util.Arrays.stream(ok).map(x -> (x - mean) * (x - mean)).sum() / ok.length;
    return new double[] {mean, Math.sqrt(var)};
  }

  private static boolean[] pick(boolean[] a, int[] idx) {
    boolean[] out = new boolean[idx.length];
    for (int j = 0; j < idx.length; j++) {
      out[j] = a[idx[j]];
    }
    return out;
  }

  private static double[] pickScores(double[] a, int[] idx) {
    return java.util.Arrays.stream(idx).mapToDouble(i -> a[i]).toArray();
  }
}
