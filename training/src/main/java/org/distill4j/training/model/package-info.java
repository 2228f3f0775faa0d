/**
 * Student networks built from DJL blocks: a causal Transformer that writes text (with its greedy,
 * sampled and beam-search decoders), and a scorer on frozen sentence embeddings, built on
 * neural's shared scoring head, that picks among choices or judges validity.
 *
 * <p>May import: {@code training.data}, {@code training.tokenizer}, {@code org.distill4j.core},
 * {@code org.distill4j.neural}, DJL.
 */
package org.distill4j.training.model;
