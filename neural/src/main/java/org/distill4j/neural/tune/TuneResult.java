package org.distill4j.neural.tune;

import java.util.List;

/**
 * How a fine-tuning run ended. The model holds the weights of {@code bestEpoch} (the last epoch
 * without a dev set).
 */
public record TuneResult(List<EpochReport> history, int bestEpoch, double bestScore,
    boolean stoppedEarly) {
  public TuneResult {
    history = List.copyOf(history);
  }
}
