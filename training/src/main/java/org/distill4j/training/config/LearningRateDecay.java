package org.distill4j.training.config;

import ai.djl.training.tracker.Tracker;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A learning rate held constant, then decayed linearly to a fraction of itself over the last
 * epochs (a warmup-stable-decay schedule without the warm-up; Adam's bias correction already
 * tempers the first steps). Because the rate before {@code fromEpoch} is the constant one, a run
 * trained at a constant rate can be resumed with a decay added and is then the same run as one
 * configured with the decay from the start.
 *
 * @param fromEpoch the first epoch whose steps are decayed (1-based)
 * @param finalFactor the rate at the last step, as a share of the configured rate
 */
public record LearningRateDecay(
    @JsonProperty("from_epoch") Integer fromEpoch,
    @JsonProperty("final_factor") Double finalFactor) {

  public LearningRateDecay {
    if (fromEpoch == null || fromEpoch < 1) {
      throw new IllegalArgumentException(
          "field \"learning_rate_decay.from_epoch\" must be at least 1, found " + fromEpoch);
    }
    finalFactor = finalFactor == null ? 0.1 : finalFactor;
    if (!(finalFactor >= 0 && finalFactor <= 1)) {
      throw new IllegalArgumentException(
          "field \"learning_rate_decay.final_factor\" must be in [0, 1], found " + finalFactor);
    }
  }

  /**
   * The rate per optimizer step (DJL counts a parameter's updates from 1).
   *
   * @param rate the configured learning rate
   * @param stepsPerEpoch optimizer steps in one epoch
   * @param epochs the run's epochs; a decay starting after the last epoch never applies
   */
  public Tracker tracker(float rate, int stepsPerEpoch, int epochs) {
    long start = (long) (fromEpoch - 1) * stepsPerEpoch;
    long end = (long) epochs * stepsPerEpoch;
    float last = (float) (rate * finalFactor);
    return update -> {
      if (update <= start || end <= start) {
        return rate;
      }
      double done = Math.min(1.0, (update - start) / (double) (end - start));
      return (float) (rate + (last - rate) * done);
    };
  }
}
