package org.distill4j.kb.query;

/**
 * What one query wrote.
 *
 * @param rows SELECT solutions or CONSTRUCT/DESCRIBE triples written (1 for ASK)
 * @param truncated whether more existed than the row cap let through
 */
public record SparqlOutcome(long rows, boolean truncated) {}
