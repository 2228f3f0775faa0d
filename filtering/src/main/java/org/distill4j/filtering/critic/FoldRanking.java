package org.distill4j.filtering.critic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A way to rank items under cross-validation: given which items form a fold's training part and
 * which its held-out part (indexes into the evaluated items), it scores both parts, higher first.
 * A critic trains on the training part; a baseline column ignores it; a base rate counts it.
 */
@FunctionalInterface
public interface FoldRanking {

  /**
   * Scores of a fold's two parts.
   *
   * @param train scores of the training items, in the order asked (for picking a threshold)
   * @param test scores of the held-out items, in the order asked
   */
  record FoldScores(double[] train, double[] test) {}

  /** Scores the fold whose training items are {@code train} and held-out items {@code test}. */
  FoldScores score(int[] train, int[] test);

  /** A fresh critic per fold from {@code trainer}, trained on that fold's training examples. */
  static FoldRanking ofCritic(CriticTrainer trainer, List<CriticExample> examples) {
    return (train, test) -> {
      List<CriticExample> tr = pick(examples, train);
      try (TrainedCritic critic = trainer.train(tr)) {
        return new FoldScores(critic.score(tr), critic.score(pick(examples, test)));
      } catch (Exception e) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    };
  }

  /** A fixed score per item (e.g. minus a teacher's NLL): the same on every fold. */
  static FoldRanking fixed(double[] scores) {
    return (train, test) -> new FoldScores(pickScores(scores, train), pickScores(scores, test));
  }

  /**
   * Each item scored by the accepted share of the training items sharing its key (e.g. its
   * relation): the prior a critic must beat. A key unseen in training gets the overall share.
   */
  static FoldRanking baseRate(List<String> keys, boolean[] labels) {
    return (train, test) -> {
      Map<String, int[]> counts = new HashMap<>(); // key -> {accepted, all}
      int accepted = 0;
      for (int i : train) {
        int[] c = counts.computeIfAbsent(keys.get(i), k -> new int[2]);
        c[0] += labels[i] ? 1 : 0;
        c[1]++;
        accepted += labels[i] ? 1 : 0;
      }
      double overall = train.length == 0 ? 0.5 : (double) accepted / train.length;
      double[] all = new double[keys.size()];
      for (int i = 0; i < all.length; i++) {
        int[] c = counts.get(keys.get(i));
        all[i] = c == null ? overall : (double) c[0] / c[1];
      }
      return new FoldScores(pickScores(all, train), pickScores(all, test));
    };
  }

  private static <T> List<T> pick(List<T> items, int[] idx) {
    return java.util.Arrays.stream(idx).mapToObj(items::get).toList();
  }

  private static double[] pickScores(double[] scores, int[] idx) {
    return java.util.Arrays.stream(idx).mapToDouble(i -> scores[i]).toArray();
  }
}
