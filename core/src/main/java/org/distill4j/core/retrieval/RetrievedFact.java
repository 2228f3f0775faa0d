package org.distill4j.core.retrieval;

import org.distill4j.core.knowledge.KnowledgeKind;

/**
 * One fact returned by a {@link Retriever}.
 *
 * @param id the record's content id
 * @param text the fact as one readable sentence
 * @param score the retriever's relevance score (higher is better; scales differ by mode)
 * @param kind the knowledge kind
 * @param relation the relation (see {@code Knowledge.relation()})
 */
public record RetrievedFact(String id, String text, double score, KnowledgeKind kind,
    String relation) {
  public RetrievedFact {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("field \"text\" must not be blank");
    }
  }
}
