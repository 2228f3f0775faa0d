package org.distill4j.neural.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdamWTest {
  @TempDir Path dir;

  private static Parameter parameter(NDManager manager, String name, float[] values,
      float[] grad) {
    Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).build();
    NDArray array = manager.create(values);
    array.setRequiresGradient(true);
    p.setArray(array);
    backward(array, grad);
    return p;
  }

  /** Gives {@code array} the gradient {@code grad} through a real backward pass of w·g. */
  private static void backward(NDArray array, float[] grad) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      collector.backward(array.mul(array.getManager().create(grad)).sum());
    }
  }

  @Test
  void twoStepsMatchTheAlgorithmWorkedByHandWithDecayOnlyOnWeights() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("dense.weight", parameter(manager, "dense.weight", new float[] {1f, -2f},
          new float[] {0.5f, -1f}));
      params.put("dense.bias", parameter(manager, "dense.bias", new float[] {3f},
          new float[] {2f}));
      AdamW adam = new AdamW(params, 0.1, 0, manager);
      double norm = adam.step(0.01);
      assertThat(norm).isCloseTo(Math.sqrt(0.25 + 1 + 4), within(1e-6));
      // Step 1: m̂ = g, v̂ = g², so the Adam step is lr·sign(g); decay subtracts lr·wd·w.
      float[] w = params.get("dense.weight").getArray().toFloatArray();
      assertThat(w[0]).isCloseTo(1f - 0.01f * 0.1f * 1f - 0.01f, within(1e-6f));
      assertThat(w[1]).isCloseTo(-2f + 0.01f * 0.1f * 2f + 0.01f, within(1e-6f));
      float[] b = params.get("dense.bias").getArray().toFloatArray();
      assertThat(b[0]).isCloseTo(3f - 0.01f, within(1e-6f));
      assertThat(params.get("dense.bias").getArray().getGradient().toFloatArray())
          .containsExactly(0f);
      adam.save(dir.resolve("opt"));
      AdamW again = new AdamW(params, 0.1, 0, manager);
      again.load(dir.resolve("opt"));
      assertThat(again.steps()).isEqualTo(1);
      // Step 2 with gradient 2 again on the bias: m = 0.19·… worked out from the formulas.
      backward(params.get("dense.bias").getArray(), new float[] {2f});
      again.step(0.01);
      double m = 0.9 * 0.2 + 0.1 * 2;
      double v = 0.999 * 0.004 + 0.001 * 4;
      double expected = (3 - 0.01) - 0.01 * (m / (1 - 0.81)) / (Math.sqrt(v / (1 - 0.998001))
          + 1e-8);
      assertThat(params.get("dense.bias").getArray().toFloatArray()[0])
          .isCloseTo((float) expected, within(1e-6f));
    }
  }

  @Test
  void clippingScalesTheWholeGradientToTheNorm() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("a.bias", parameter(manager, "a.bias", new float[] {0f, 0f},
          new float[] {30f, 40f}));
      AdamW adam = new AdamW(params, 0, 5.0, manager);
      assertThat(adam.step(0.1)).isCloseTo(50.0, within(1e-4));
      // Adam's first step is lr·sign(g) whatever the scale; the moments show the clip.
      float[] w = params.get("a.bias").getArray().toFloatArray();
      assertThat(w[0]).isCloseTo(-0.1f, within(1e-5f));
    }
  }

  @Test
  void aNonFiniteGradientSkipsTheStepAndIsCleared() {
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, Parameter> params = new LinkedHashMap<>();
      params.put("a.weight", parameter(manager, "a.weight", new float[] {1f, 2f},
          new float[] {Float.POSITIVE_INFINITY, 1f}));
      AdamW adam = new AdamW(params, 0.01, 1.0, manager);
      assertThat(adam.step(0.1)).isInfinite();
      assertThat(adam.skipped()).isEqualTo(1);
      assertThat(params.get("a.weight").getArray().toFloatArray()).containsExactly(1f, 2f);
      backward(params.get("a.weight").getArray(), new float[] {1f, 1f});
      assertThat(adam.step(0.1)).isCloseTo(Math.sqrt(2), within(1e-6));
      assertThat(params.get("a.weight").getArray().toFloatArray()[0]).isLessThan(1f);
    }
  }

  @Test
  void theScheduleRisesThenFallsToZero() {
    LinearWarmup schedule = new LinearWarmup(1.0, 4, 14);
    assertThat(schedule.rate(0)).isCloseTo(0.2, within(1e-12));
    assertThat(schedule.rate(3)).isCloseTo(0.8, within(1e-12));
    assertThat(schedule.rate(4)).isCloseTo(1.0, within(1e-12));
    assertThat(schedule.rate(9)).isCloseTo(0.5, within(1e-12));
    assertThat(schedule.rate(13)).isCloseTo(0.1, within(1e-12));
  }
}
