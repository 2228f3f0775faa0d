/**
 * The filter chain: critics that give each record a verdict and scores, a YAML chain
 * configuration, and {@link org.distill4j.filtering.chain.FilterRun}, which streams a corpus
 * through the chain and writes {@code kept.jsonl}, {@code rejected.jsonl} and {@code funnel.json}.
 *
 * <p>Two shapes of critic exist. A {@link org.distill4j.filtering.chain.Critic} judges records
 * batch by batch in input order and may keep compact state across batches (dedup remembers
 * hashes, never texts). A {@link org.distill4j.filtering.chain.CorpusCritic} must see every record
 * before it can judge any (self-consistency needs the majority answer, contradiction checks the
 * whole comparison graph): the run spools the records that reach it to a file, lets it observe
 * them once, then judges them in a second pass.
 *
 * <p>May import: every filtering package (it builds their critics from the YAML), {@code
 * org.distill4j.core} (embeddings through {@code core.embed}), {@code org.distill4j.neural} (only
 * to create the one MiniLM embedder a chain shares), {@code org.distill4j.teacher}, Jackson.
 */
package org.distill4j.filtering.chain;
