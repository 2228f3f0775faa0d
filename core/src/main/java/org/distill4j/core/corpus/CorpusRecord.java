package org.distill4j.core.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.knowledge.Knowledge;

/**
 * One line of a corpus: a piece of knowledge with its stable id, where it came from, and what
 * filters said of it. Immutable; filters return a new record with a score or verdict added.
 *
 * @param id the content id; computed when absent, and rejected when it does not match the content
 * @param externalId the user's own id of the seed or labelled row this record was made from (a
 *     seed field mapped as {@code id}); null when the input had none. It is not part of the
 *     content id: the same knowledge from two seeds is still one record
 * @param knowledge the knowledge itself
 * @param provenance where it came from; "unknown" when absent
 * @param scores named scores added by filters and critics, e.g. {@code critic = 0.83}
 * @param verdicts the verdicts of the filters it has passed through, in order
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CorpusRecord(
    String id,
    String externalId,
    Knowledge knowledge,
    Provenance provenance,
    Map<String, Double> scores,
    List<Verdict> verdicts) {

  public CorpusRecord {
    if (knowledge == null) {
      throw new IllegalArgumentException("field \"knowledge\" is missing");
    }
    String expected = ContentId.of(knowledge);
    if (id == null || id.isBlank()) {
      id = expected;
    } else if (!id.equals(expected)) {
      throw new IllegalArgumentException(
          "field \"id\" is \"" + id + "\" but the content hashes to \"" + expected
              + "\"; remove the id to recompute it");
    }
    if (externalId != null && externalId.isBlank()) {
      externalId = null;
    }
    provenance = provenance == null ? Provenance.unknown() : provenance;
    if (scores == null) {
      scores = Map.of();
    } else {
      for (Map.Entry<String, Double> e : scores.entrySet()) {
        if (e.getValue() == null || e.getValue().isNaN()) {
          throw new IllegalArgumentException("field \"scores." + e.getKey() + "\" must be a number");
        }
      }
      scores = Collections.unmodifiableMap(new TreeMap<>(scores));
    }
    verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
  }

  /** A new record for freshly written knowledge. */
  public static CorpusRecord of(Knowledge knowledge, Provenance provenance) {
    return new CorpusRecord(null, null, knowledge, provenance, null, null);
  }

  /** This record carrying the user's own id (null for none). */
  public CorpusRecord withExternalId(String value) {
    return new CorpusRecord(id, value, knowledge, provenance, scores, verdicts);
  }

  /** This record with one score set (replacing an earlier value of the same name). */
  public CorpusRecord withScore(String name, double value) {
    Map<String, Double> next = new TreeMap<>(scores);
    next.put(name, value);
    return new CorpusRecord(id, externalId, knowledge, provenance, next, verdicts);
  }

  /** This record with one more verdict. */
  public CorpusRecord withVerdict(Verdict verdict) {
    List<Verdict> next = new ArrayList<>(verdicts);
    next.add(verdict);
    return new CorpusRecord(id, externalId, knowledge, provenance, scores, next);
  }

  /** The first rejection among the verdicts, or null when every filter kept it. */
  public Verdict.Rejected rejection() {
    for (Verdict v : verdicts) {
      if (v instanceof Verdict.Rejected r) {
        return r;
      }
    }
    return null;
  }
}
