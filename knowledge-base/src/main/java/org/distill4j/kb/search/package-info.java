/**
 * Searching the knowledge base by words (BM25), by meaning (vectors) or both (reciprocal rank
 * fusion), with filters; and the {@code Retriever} training uses.
 *
 * <p>May import: {@code kb.index}, {@code org.distill4j.core} (query vectors through {@code
 * core.embed.TextEmbedder}), Lucene, Jackson.
 */
package org.distill4j.kb.search;
