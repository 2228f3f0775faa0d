/**
 * Searching the knowledge base by words (BM25), by meaning (vectors) or both (reciprocal rank
 * fusion), with filters; and the {@code Retriever} training uses.
 *
 * <p>May import: {@code org.distill4j.core}, {@code kb.embed}, {@code kb.index}, Lucene and
 * Jackson; never {@code kb.ingest} (the knowledge base hands its searcher out, not the other way).
 */
package org.distill4j.kb.search;
