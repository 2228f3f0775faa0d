package org.distill4j.core.retrieval;

import java.util.List;

/**
 * Finds stored facts relevant to a text. Training uses it for retrieval augmentation, prepending
 * the facts to a student's input; the knowledge base implements it (keyword, vector or hybrid).
 * Lives in core so that training does not need to know how the store works.
 */
@FunctionalInterface
public interface Retriever {

  /**
   * The best {@code k} facts for {@code query}, best first; fewer when the store has fewer.
   *
   * @throws IllegalArgumentException when {@code k} is less than 1
   */
  List<RetrievedFact> retrieve(String query, int k);
}
