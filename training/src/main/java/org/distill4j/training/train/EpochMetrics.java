package org.distill4j.training.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of {@code metrics.jsonl}: what one epoch did.
 *
 * @param epoch the epoch, from 1
 * @param loss the mean training loss over its batches
 * @param devLoss the loss on the dev set
 * @param metric the dev metric's name: {@code exact_match}, {@code accuracy}, or for the encoder
 *     student judging validity {@code average_precision}
 * @param devMetric its value in [0, 1]
 * @param tokensPerSecond tokens (or examples for a scorer) processed per second of training
 * @param seconds the epoch's wall time, dev evaluation included (NaN for an encoder epoch whose
 *     line was rebuilt from its checkpoint)
 * @param kdShare the token-level KD term's share of the loss; null without a teacher
 */
public record EpochMetrics(
    int epoch,
    double loss,
    @JsonProperty("dev_loss") double devLoss,
    String metric,
    @JsonProperty("dev_metric") double devMetric,
    @JsonProperty("tokens_per_second") double tokensPerSecond,
    double seconds,
    @JsonProperty("kd_share") Double kdShare) {}
