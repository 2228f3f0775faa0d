package org.distill4j.filtering.critic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * K-fold assignment that keeps every group (e.g. all explanations of one question) in one fold,
 * so a critic is never tested on a question it saw in training. Groups are shuffled with a seed
 * and dealt round-robin, so folds differ in size by at most one group.
 */
public final class GroupedFolds {
  private GroupedFolds() {}

  /** The fold (0..k-1) of each item, given each item's group key. */
  public static int[] assign(List<String> groups, int k, long seed) {
    if (k < 2) {
      throw new IllegalArgumentException("need at least 2 folds, found " + k);
    }
    Map<String, Integer> fold = new LinkedHashMap<>();
    for (String g : groups) {
      fold.putIfAbsent(g, -1);
    }
    if (fold.size() < k) {
      throw new IllegalArgumentException("need at least " + k + " groups, found " + fold.size());
    }
    List<String> keys = new ArrayList<>(fold.keySet());
    Collections.shuffle(keys, new Random(seed));
    for (int i = 0; i < keys.size(); i++) {
      fold.put(keys.get(i), i % k);
    }
    int[] out = new int[groups.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = fold.get(groups.get(i));
    }
    return out;
  }
}
