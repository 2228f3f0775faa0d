package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.function.Function;

/**
 * The projections of one forward pass: a Linear ({@code weight [out, in]}) or GPT-2's Conv1D
 * ({@code weight [in, out]}), plus its low-rank adapter when it has one.
 */
final class Projection {
  private final Function<String, NDArray> weight;
  private final Function<String, Boolean> present;
  private final boolean conv1d;
  private final DecoderLora lora;
  private final boolean training;

  Projection(Function<String, NDArray> weight, Function<String, Boolean> present,
      Architecture architecture, DecoderLora lora, boolean training) {
    this.weight = weight;
    this.present = present;
    this.conv1d = architecture == Architecture.GPT2;
    this.lora = lora;
    this.training = training;
  }

  /** The parameter called {@code name}. */
  NDArray weight(String name) {
    return weight.apply(name);
  }

  /** {@code module}'s output for {@code x} ({@code [..., in]}), adapter included. */
  NDArray apply(String module, NDArray x) {
    NDArray w = weight.apply(module + ".weight");
    NDArray b = present.apply(module + ".bias") ? weight.apply(module + ".bias") : null;
    NDArray y;
    if (conv1d) {
      y = x.matMul(w);
      y = b == null ? y : y.add(b);
    } else {
      y = Linear.linear(x, w, b).singletonOrThrow();
    }
    if (!present.apply(module + ".lora_A.weight")) {
      return y;
    }
    NDArray in = training && lora.dropout() > 0
        ? Dropout.dropout(x, (float) lora.dropout(), true).singletonOrThrow()
        : x;
    NDArray low = Linear.linear(in, weight.apply(module + ".lora_A.weight")).singletonOrThrow();
    NDArray up = Linear.linear(low, weight.apply(module + ".lora_B.weight")).singletonOrThrow();
    return y.add(up.mul(lora.scale()));
  }
}
