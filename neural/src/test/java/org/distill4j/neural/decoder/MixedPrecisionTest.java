package org.distill4j.neural.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Half-precision passes run on a CPU too (PyTorch computes float16 there), so the code path a
 * GPU takes is exercised here: float16 logits stay close to float32 ones and come back float32,
 * and training in float16 is refused (DJL's casts carry no gradient).
 */
class MixedPrecisionTest {
  private static final long[][] IDS = {{5, 17, 33, 8, 41, 12, 60, 2}};

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void float16PassesStayCloseToFloat32AndTrainingInFloat16IsRefused(String name) throws Exception {
    try (DecoderLm model = DecoderLm.load(DecoderReferenceTest.fixture(name), null, Device.cpu(),
        0)) {
      float[] exact = model.logits(IDS);
      model.block().computeIn(DataType.FLOAT16);
      float[] half = model.logits(IDS);
      float largest = 0;
      float worst = 0;
      for (int i = 0; i < exact.length; i++) {
        largest = Math.max(largest, Math.abs(exact[i]));
        worst = Math.max(worst, Math.abs(exact[i] - half[i]));
      }
      // float16 keeps 11 bits of mantissa: errors well under a percent of the largest logit.
      assertThat(worst).isLessThan(0.01f * largest).isGreaterThan(0f);
      assertThat(new Generator(model).generate(IDS[0], GenerationSettings.greedy(4, Set.of())))
          .hasSize(4);

      try (NDManager scope = model.manager().newSubManager()) {
        NDArray logits = model.forward(scope, IDS, null);
        assertThat(logits.getDataType()).isEqualTo(DataType.FLOAT32);
      }
      org.distill4j.neural.decoder.chat.PackedRow row =
          new org.distill4j.neural.decoder.chat.PackedRow(IDS[0], new int[] {0, 1, 1, 1, 1, 1,
              1, 1}, new long[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {1, 1, 1, 1, 1, 1, 1, 1});
      try (NDManager scope = model.manager().newSubManager()) {
        assertThatThrownBy(() -> new org.distill4j.neural.decoder.train.CausalLmTask(1).loss(
            model, model.inferenceStore(), scope, java.util.List.of(row)))
            .hasMessageContaining("training runs in float32");
      }
    }
  }

  @org.junit.jupiter.api.Test
  void bfloat16AndNonFloatingComputeTypesAreRefusedWithTheReason() throws Exception {
    try (DecoderLm model = DecoderLm.load(DecoderReferenceTest.fixture("llama"), null,
        Device.cpu(), 0)) {
      assertThatThrownBy(() -> model.block().computeIn(DataType.INT64))
          .hasMessageContaining("float32 or float16");
      assertThatThrownBy(() -> model.block().computeIn(DataType.BFLOAT16))
          .hasMessageContaining("cannot make bfloat16 arrays");
    }
  }
}
