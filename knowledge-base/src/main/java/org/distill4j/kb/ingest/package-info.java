/**
 * The knowledge base as one thing: {@link org.distill4j.kb.ingest.KnowledgeBase} writes every
 * batch to the RDF store and the text index in a crash-safe order, validates it against the
 * SHACL shapes, reports violations per record, checks and repairs the two stores against each
 * other, and opens searches and retrievers.
 *
 * <p>May import: the other {@code kb} packages, {@code org.distill4j.core}, {@code
 * org.distill4j.neural} (only for the default MiniLM embedder), Jena, Jackson.
 */
package org.distill4j.kb.ingest;
