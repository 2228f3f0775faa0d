package org.distill4j.filtering.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;

/**
 * Rejects output that mostly repeats the input, such as the tail "PersonX goes to the store" for
 * the head "PersonX goes to the store": the share of the output's distinct words that also occur
 * in the input is the overlap, added as a score; above the threshold the record is rejected.
 * Stop words are left out of both sides, so "to be kind" is not a copy of "PersonX is kind to
 * others" merely by sharing "to".
 *
 * @param maxOverlap the largest overlap kept, in [0, 1]
 */
public record CopyCritic(double maxOverlap) implements Critic {
  private static final Set<String> STOP = Set.of("a", "an", "the", "to", "of", "and", "or", "is",
      "are", "be", "in", "on", "at", "for", "with", "it", "his", "her", "their", "x's", "y's");

  public CopyCritic {
    if (maxOverlap < 0 || maxOverlap > 1) {
      throw new IllegalArgumentException("max_overlap must be in [0, 1], found " + maxOverlap);
    }
  }

  /** Share of the content words of {@code output} that also occur in {@code input}. */
  public static double overlap(String input, String output) {
    Set<String> in = content(Words.of(input));
    Set<String> out = content(Words.of(output));
    if (out.isEmpty()) {
      return 0;
    }
    int shared = 0;
    for (String w : out) {
      if (in.contains(w)) {
        shared++;
      }
    }
    return (double) shared / out.size();
  }

  private static Set<String> content(List<String> words) {
    Set<String> s = new HashSet<>();
    for (String w : words) {
      if (!STOP.contains(w)) {
        s.add(w);
      }
    }
    return s;
  }

  @Override
  public List<Assessment> assess(List<CorpusRecord> batch) {
    return batch.stream().map(this::one).toList();
  }

  private Assessment one(CorpusRecord r) {
    String input = Generated.input(r.knowledge());
    if (input.isEmpty()) {
      return Assessment.keep();
    }
    double o = overlap(input, Generated.output(r.knowledge()));
    if (o > maxOverlap) {
      return Assessment.reject(String.format(java.util.Locale.ROOT,
          "output repeats the input (%.2f of its words, limit %.2f)", o, maxOverlap), o);
    }
    return Assessment.keep(o);
  }
}
