package org.distill4j.kb.search;

import org.distill4j.core.knowledge.KnowledgeKind;

/**
 * One search: the text, how to rank, how many, and optional filters.
 *
 * @param text the query text, not blank
 * @param mode the ranking
 * @param k the number of hits wanted, at least 1
 * @param kind only records of this kind, or null
 * @param relation only records with this relation, or null
 * @param scoreName the score {@code minScore} applies to (e.g. {@code critic})
 * @param minScore only records whose score {@code scoreName} is at least this, or null
 */
public record SearchRequest(String text, SearchMode mode, int k, KnowledgeKind kind,
    String relation, String scoreName, Double minScore) {

  /** The score name filtered on when none is given. */
  public static final String DEFAULT_SCORE = "critic";

  public SearchRequest {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the search text must not be blank");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
    mode = mode == null ? SearchMode.HYBRID : mode;
    scoreName = scoreName == null || scoreName.isBlank() ? DEFAULT_SCORE : scoreName;
  }

  /** A request with no filters. */
  public static SearchRequest of(String text, SearchMode mode, int k) {
    return new SearchRequest(text, mode, k, null, null, null, null);
  }

  /** This request with another text and k, keeping mode and filters. */
  public SearchRequest withText(String newText, int newK) {
    return new SearchRequest(newText, mode, newK, kind, relation, scoreName, minScore);
  }
}
