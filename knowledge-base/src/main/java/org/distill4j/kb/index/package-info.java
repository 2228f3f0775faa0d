/**
 * The text index: one Lucene document per record with BM25 text, kind/relation/score filters,
 * an int8-quantized HNSW vector and the stored record, committed in step with the RDF store.
 *
 * <p>May import: {@code org.distill4j.core} and Lucene; no other kb package.
 */
package org.distill4j.kb.index;
