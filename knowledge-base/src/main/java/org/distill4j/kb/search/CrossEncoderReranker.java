package org.distill4j.kb.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.TextPair;

/**
 * Re-orders a first-stage search's candidates by a cross-encoder that reads the query and each
 * record together: slower than BM25 or vectors per candidate, so it only sees the top few.
 * The relevance is the head's single logit (a reranker or multiple-choice head), or for a
 * two-class head the accept logit minus the reject one.
 */
public final class CrossEncoderReranker {
  private static final int BATCH = 32;
  private final BertClassifier model;

  /** Reranks with {@code model}, which stays the caller's to close. */
  public CrossEncoderReranker(BertClassifier model) {
    if (model.head().outputs() > 2) {
      throw new IllegalArgumentException("a reranker needs one relevance output or two classes;"
          + " this model has labels " + model.head().labels());
    }
    this.model = model;
  }

  /** The best {@code k} of {@code hits} for {@code query} by the cross-encoder, best first. */
  public List<SearchHit> rerank(String query, List<SearchHit> hits, int k) {
    List<TextPair> pairs = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      pairs.add(new TextPair(query, hit.record().knowledge().text()));
    }
    double[] relevance = relevance(pairs);
    List<SearchHit> out = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      out.add(new SearchHit(hits.get(i).record(), relevance[i]));
    }
    out.sort(Comparator.comparingDouble(SearchHit::score).reversed());
    return out.subList(0, Math.min(k, out.size()));
  }

  /**
   * A retriever that asks {@code first} for {@code candidates} facts and keeps the reranker's
   * best {@code k}, for retrieval-augmented students.
   */
  public Retriever over(Retriever first, int candidates) {
    return (query, k) -> {
      List<RetrievedFact> found = first.retrieve(query, Math.max(k, candidates));
      List<TextPair> pairs = found.stream().map(f -> new TextPair(query, f.text())).toList();
      double[] relevance = relevance(pairs);
      List<RetrievedFact> scored = new ArrayList<>(found.size());
      for (int i = 0; i < found.size(); i++) {
        RetrievedFact f = found.get(i);
        scored.add(new RetrievedFact(f.id(), f.text(), relevance[i], f.kind(), f.relation()));
      }
      scored.sort(Comparator.comparingDouble(RetrievedFact::score).reversed());
      return scored.subList(0, Math.min(k, scored.size()));
    };
  }

  private double[] relevance(List<TextPair> pairs) {
    if (pairs.isEmpty()) {
      return new double[0];
    }
    float[][] logits = model.logits(pairs, BATCH);
    double[] out = new double[logits.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = logits[i].length == 1 ? logits[i][0] : logits[i][1] - logits[i][0];
    }
    return out;
  }
}
