package org.distill4j.neural.tune;

/**
 * One finished epoch.
 *
 * @param epoch 1-based
 * @param loss the mean training loss over its batches
 * @param devScore the dev score after it (NaN without a dev set)
 * @param examplesPerSecond training examples per second of wall time in it
 * @param tokensPerSecond training tokens (after truncation, padding excluded) per second
 */
public record EpochReport(int epoch, double loss, double devScore, double examplesPerSecond,
    double tokensPerSecond) {}
