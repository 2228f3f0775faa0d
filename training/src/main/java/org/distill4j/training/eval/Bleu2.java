package org.distill4j.training.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sentence-level BLEU-2 against one or more references, as COMET-style commonsense generation is
 * scored: the geometric mean of clipped unigram and bigram precision times the brevity penalty.
 * Counts are clipped by the most times an n-gram occurs in any one reference; the reference length
 * for the penalty is the one closest to the candidate's. The bigram precision is add-one smoothed
 * (Lin and Och's smoothing 1) so that a one-word candidate that matches scores above zero.
 */
public final class Bleu2 {
  private Bleu2() {}

  /** Lower-cased words and punctuation marks, the unit BLEU counts. */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** BLEU-2 of {@code candidate} against {@code references}, in [0, 1]. */
  public static double score(String candidate, List<String> references) {
    List<String> c = words(candidate);
    if (c.isEmpty() || references.isEmpty()) {
      return 0;
    }
    List<List<String>> refs = references.stream().map(Bleu2::words).toList();
    double p1 = clippedMatches(c, refs, 1) / (double) c.size();
    int bigrams = c.size() - 1;
    double p2 = (clippedMatches(c, refs, 2) + 1.0) / (bigrams + 1.0);
    if (p1 == 0) {
      return 0;
    }
    int closest = refs.get(0).size();
    for (List<String> r : refs) {
      int d = Math.abs(r.size() - c.size());
      int best = Math.abs(closest - c.size());
      if (d < best || (d == best && r.size() < closest)) {
        closest = r.size();
      }
    }
    double brevity = c.size() >= closest ? 1.0 : Math.exp(1.0 - (double) closest / c.size());
    return brevity * Math.sqrt(p1 * p2);
  }

  private static int clippedMatches(List<String> candidate, List<List<String>> refs, int n) {
    Map<String, Integer> counts = ngrams(candidate, n);
    Map<String, Integer> maxRef = new HashMap<>();
    for (List<String> r : refs) {
      ngrams(r, n).forEach((g, k) -> maxRef.merge(g, k, Math::max));
    }
    int matched = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      matched += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
    }
    return matched;
  }

  private static Map<String, Integer> ngrams(List<String> words, int n) {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i + n <= words.size(); i++) {
      out.merge(String.join(" ", words.subList(i, i + n)), 1, Integer::sum);
    }
    return out;
  }
}
