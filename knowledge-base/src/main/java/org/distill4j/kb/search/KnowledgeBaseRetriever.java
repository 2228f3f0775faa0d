package org.distill4j.kb.search;

import java.util.List;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.core.retrieval.Retriever;

/**
 * The knowledge base as a {@link Retriever}: training gets one from
 * {@code KnowledgeBase.retriever(...)} and calls {@link #retrieve} for each input it augments.
 * Each call runs one search with the template's mode and filters. Thread-safe.
 */
public final class KnowledgeBaseRetriever implements Retriever {
  private final KnowledgeSearcher searcher;
  private final SearchRequest template;

  /**
   * @param searcher the searcher to run
   * @param template mode and filters for every call; its text and k are replaced per call
   */
  public KnowledgeBaseRetriever(KnowledgeSearcher searcher, SearchRequest template) {
    this.searcher = searcher;
    this.template = template;
  }

  @Override
  public List<RetrievedFact> retrieve(String query, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
    if (query == null || query.isBlank()) {
      return List.of();
    }
    return searcher.search(template.withText(query, k)).stream().map(SearchHit::toFact).toList();
  }
}
