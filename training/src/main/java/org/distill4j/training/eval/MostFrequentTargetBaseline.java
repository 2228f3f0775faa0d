package org.distill4j.training.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.training.data.TrainingExample;

/**
 * The trivial baseline for generation: for each input, the training target seen most often with
 * the same last input word. For triples the last word is the relation, so this writes the most
 * frequent tail of each relation (e.g. "to be helpful" for every xIntent).
 */
public final class MostFrequentTargetBaseline {
  private final Map<String, String> byKey = new HashMap<>();
  private final String overall;

  /** Counts targets in {@code train}. */
  public MostFrequentTargetBaseline(List<TrainingExample> train) {
    Map<String, Map<String, Integer>> counts = new HashMap<>();
    Map<String, Integer> all = new HashMap<>();
    for (TrainingExample e : train) {
      counts.computeIfAbsent(key(e.input()), k -> new HashMap<>()).merge(e.target(), 1,
          Integer::sum);
      all.merge(e.target(), 1, Integer::sum);
    }
    counts.forEach((k, c) -> byKey.put(k, top(c)));
    overall = all.isEmpty() ? "" : top(all);
  }

  /** The baseline's output for {@code input}. */
  public String predict(String input) {
    return byKey.getOrDefault(key(input), overall);
  }

  private static String key(String input) {
    String[] words = input.trim().split("\\s+");
    return words[words.length - 1];
  }

  private static String top(Map<String, Integer> counts) {
    // Ties go to the alphabetically first target, so the baseline is the same on every run.
    return counts.entrySet().stream()
        .max(Map.Entry.<String, Integer>comparingByValue()
            .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
        .orElseThrow().getKey();
  }
}
