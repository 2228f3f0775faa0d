package org.distill4j.kb.search;

import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.retrieval.RetrievedFact;

/**
 * One record found by a search.
 *
 * @param record the whole stored record, with provenance and scores
 * @param score the relevance: BM25, cosine similarity mapped to 0..1, or the fused RRF score
 */
public record SearchHit(CorpusRecord record, double score) {

  /** The hit as the fact a {@code Retriever} returns. */
  public RetrievedFact toFact() {
    return new RetrievedFact(record.id(), record.knowledge().text(), score,
        record.knowledge().kind(), record.knowledge().relation());
  }
}
