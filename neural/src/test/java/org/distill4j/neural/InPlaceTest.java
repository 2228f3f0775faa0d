package org.distill4j.neural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class InPlaceTest {
  @Test
  void aCopyOwnsItsValuesAfterTheSourceIsGoneAndStillTrains() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray weight = manager.create(new float[] {1f, 2f, 3f});
      weight.setRequiresGradient(true);
      try (NDManager scope = manager.newSubManager()) {
        InPlace.copy(scope.create(new float[] {7f, 8f, 9f}), weight);
      }
      System.gc();
      assertThat(weight.toFloatArray()).containsExactly(7f, 8f, 9f);
      try (var collector = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
        collector.backward(weight.mul(weight).sum());
      }
      assertThat(weight.getGradient().toFloatArray()).containsExactly(14f, 16f, 18f);
      assertThatThrownBy(() -> InPlace.copy(manager.create(new float[] {1f}), weight))
          .hasMessageContaining("cannot copy");
    }
  }

  @Test
  void zeroClearsNanAndInfinity() {
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray grad = manager.create(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, 5f});
      InPlace.zero(grad);
      assertThat(grad.toFloatArray()).containsExactly(0f, 0f, 0f);
    }
  }
}
