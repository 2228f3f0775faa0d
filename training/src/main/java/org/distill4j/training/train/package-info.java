/**
 * Training runs: a checkpoint each epoch, resume from the last one after a kill, metrics per
 * epoch as JSON Lines, early stopping on the dev set, and a final report; one runner per student
 * type ({@code GenerativeTraining}, {@code ScorerTraining}) over a shared epoch loop, and
 * {@code EncoderTraining}, which hands the loop to neural's fine-tuner and keeps the same files.
 *
 * <p>May import: {@code training.config}, {@code data}, {@code device}, {@code eval},
 * {@code loss}, {@code model}, {@code retrieval}, {@code tokenizer}, {@code org.distill4j.core},
 * {@code org.distill4j.neural}. Never the top package or anything that imports this one.
 */
package org.distill4j.training.train;
