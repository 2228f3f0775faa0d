package org.distill4j.filtering.stage;

import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.knowledge.Knowledge;

/**
 * What a critic says about one record: keep or reject (with the reason), plus named scores. The
 * run turns it into a {@link org.distill4j.core.corpus.Verdict} carrying the stage name, and
 * stores each score as {@code stage.key} (or just {@code stage} when the key is empty).
 *
 * @param kept whether the record goes on
 * @param reason why it was rejected; null when kept
 * @param scores scores to add to the record, possibly empty
 * @param replacement for a kept record, the knowledge it goes on with (a stage that rewrites
 *     records, such as splitting a free-text rationale); null to leave it as it is
 */
public record Assessment(boolean kept, String reason, Map<String, Double> scores,
    Knowledge replacement) {
  public Assessment {
    if (!kept && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
    if (!kept && replacement != null) {
      throw new IllegalArgumentException("a rejected record is written as it came");
    }
    scores = scores == null ? Map.of() : Map.copyOf(scores);
  }

  public Assessment(boolean kept, String reason, Map<String, Double> scores) {
    this(kept, reason, scores, null);
  }

  /** Kept, going on as {@code knowledge} (its content id is recomputed). */
  public static Assessment keepAs(Knowledge knowledge) {
    return new Assessment(true, null, Map.of(), knowledge);
  }

  /** Kept, no scores. */
  public static Assessment keep() {
    return new Assessment(true, null, Map.of());
  }

  /** Kept with one score stored under the stage's own name. */
  public static Assessment keep(double score) {
    return new Assessment(true, null, Map.of("", score));
  }

  /** Rejected with a reason a user can act on. */
  public static Assessment reject(String reason) {
    return new Assessment(false, reason, Map.of());
  }

  /** Rejected, keeping the score that decided it. */
  public static Assessment reject(String reason, double score) {
    return new Assessment(false, reason, Map.of("", score));
  }

  /** This assessment with one more score. */
  public Assessment withScore(String key, double value) {
    Map<String, Double> next = new TreeMap<>(scores);
    next.put(key, value);
    return new Assessment(kept, reason, next, replacement);
  }
}
