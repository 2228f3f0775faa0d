package org.distill4j.kb.index;

/**
 * One document found by a query.
 *
 * @param id the record's content id
 * @param score Lucene's score (BM25, or the vector similarity mapped to 0..1)
 * @param json the stored record JSON
 */
public record IndexHit(String id, double score, String json) {}
