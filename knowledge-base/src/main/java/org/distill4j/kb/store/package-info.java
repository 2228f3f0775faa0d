/**
 * The RDF store: records as triples in a Jena TDB2 dataset, written in one transaction per batch,
 * with a journal that lets the text index catch up after a crash.
 *
 * <p>May import: {@code org.distill4j.core}, {@code kb.vocabulary} and Jena; no other kb package.
 */
package org.distill4j.kb.store;
