package org.distill4j.neural.device;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The number format of the passes that need no gradient (scoring, evaluation, the dev score
 * after each epoch). Training always computes in float32: master weights, activations,
 * gradients, optimiser state and the loss.
 *
 * <p>Why so narrow: DJL's PyTorch JNI casts tensors under a no-gradient guard, so a cast weight
 * is cut off from its float32 master and a half-precision training pass would train nothing;
 * and it has no bf16 cast at all (the dtype switch in its JNI ends in a bare {@code throw;}:
 * asking for bf16 aborts the JVM, seen with JNI 2.7.1-0.36.0 on CPU). fp16 casts work (checked
 * on CPU) and a forward pass needs no gradient, so fp16 is offered there.
 *
 * <p>{@code auto} is float32 on every device: fp16 is opt-in, because it has not been run on a
 * GPU here and float32 is what the results in this project were measured with.
 */
public enum Precision {
  AUTO,
  FLOAT32,
  FP16,
  BF16;

  /** Parses {@code auto}, {@code float32}, {@code fp16} or {@code bf16} (any case); null is auto. */
  public static Precision parse(String text) {
    if (text == null || text.isBlank()) {
      return AUTO;
    }
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "precision must be auto, float32 or fp16, found \"" + text + "\"", e);
    }
  }

  /**
   * The scoring passes' type on {@code device}.
   *
   * @throws IllegalArgumentException for bf16, which DJL's PyTorch JNI cannot cast to
   */
  public DataType resolve(Device device) {
    return switch (this) {
      case AUTO, FLOAT32 -> DataType.FLOAT32;
      case FP16 -> DataType.FLOAT16;
      case BF16 -> throw new IllegalArgumentException("precision bf16 is not available: DJL's"
          + " PyTorch JNI has no bf16 cast (the call aborts the JVM); use fp16 or float32");
    };
  }
}
