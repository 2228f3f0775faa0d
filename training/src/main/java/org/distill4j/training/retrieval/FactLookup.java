package org.distill4j.training.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.core.retrieval.Retriever;

/**
 * The top {@code k} facts for a query, leaving out the fact whose id is the asking record's own
 * (a knowledge base built from the training corpus would otherwise hand a student its own
 * answer); one more is asked for so that {@code k} facts are still given.
 */
public final class FactLookup {
  private final Retriever retriever;
  private final int k;

  /** Uses {@code retriever} for the top {@code k} facts, k at least 1. */
  public FactLookup(Retriever retriever, int k) {
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
    this.k = k;
  }

  /** How many facts are asked for. */
  public int k() {
    return k;
  }

  /** At most k fact texts for {@code query}, best first; {@code ownId} (may be null) left out. */
  public List<String> facts(String ownId, String query) {
    List<String> facts = new ArrayList<>();
    for (RetrievedFact fact : retriever.retrieve(query, k + 1)) {
      if (facts.size() == k) {
        break;
      }
      if (ownId != null && ownId.equals(fact.id())) {
        continue;
      }
      facts.add(fact.text());
    }
    return facts;
  }
}
