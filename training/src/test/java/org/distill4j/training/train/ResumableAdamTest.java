package org.distill4j.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

class ResumableAdamTest {
  @Test
  void eachStepUsesTheScheduleRateForThatStep() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new float[] {1f, 1f});
      NDArray grad = manager.create(new float[] {0.5f, -2f});
      // Adam's bias-corrected step for a constant gradient is rate x sign(gradient), so the
      // weight moves by exactly the scheduled rate: 0.1 at update 1, 0.05 at update 2.
      Tracker schedule = update -> update == 1 ? 0.1f : 0.05f;
      ResumableAdam adam = new ResumableAdam(schedule, 0f, new PairList<>());
      adam.update("w", weight, grad);
      assertThat(weight.toFloatArray()[0]).isCloseTo(0.9f, within(1e-5f));
      assertThat(weight.toFloatArray()[1]).isCloseTo(1.1f, within(1e-5f));
      adam.update("w", weight, grad);
      assertThat(weight.toFloatArray()[0]).isCloseTo(0.85f, within(1e-5f));
      assertThat(weight.toFloatArray()[1]).isCloseTo(1.15f, within(1e-5f));
    }
  }
}
