/**
 * Searching the knowledge base by words (BM25), by meaning (vectors) or both (reciprocal rank
 * fusion), with filters; and the {@code Retriever} training uses.
 */
package org.distill4j.kb.search;
