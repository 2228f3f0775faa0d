/**
 * Fine-tuning a {@link org.distill4j.neural.bert.BertClassifier}: AdamW with decoupled weight
 * decay, warm-up then linear decay, global gradient-norm clipping, gradient accumulation,
 * class weights, early stopping on a dev score, and checkpoints a killed run resumes from.
 * What a batch's loss and a dev score are is a {@link org.distill4j.neural.tune.TuneTask}:
 * classification of texts or text pairs, or multiple choice.
 */
package org.distill4j.neural.tune;
