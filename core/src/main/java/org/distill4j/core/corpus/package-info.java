/**
 * Corpus records: knowledge with a stable content id, provenance, scores and filter verdicts.
 * These are the lines of every {@code .jsonl} file a run writes.
 */
package org.distill4j.core.corpus;
