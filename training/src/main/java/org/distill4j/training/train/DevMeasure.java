package org.distill4j.training.train;

/**
 * What one epoch's dev pass measured, for {@code metrics.jsonl}.
 *
 * @param loss the dev loss
 * @param metric the dev metric, or NaN when it is the fine-tuner's own score
 */
record DevMeasure(double loss, double metric) {}
