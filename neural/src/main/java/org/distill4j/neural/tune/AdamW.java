package org.distill4j.neural.tune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.neural.Safetensors;

/**
 * AdamW (Loshchilov and Hutter) over named parameters, with global gradient-norm clipping.
 * The moments are keyed by parameter name and can be saved and read back, so a resumed run takes
 * the same steps as the run it replaces; DJL's own optimisers keep private state keyed by ids
 * that change with every model instance.
 */
public final class AdamW {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final Map<String, Parameter> parameters;
  private final double weightDecay;
  private final double clipNorm;
  private final NDManager manager;
  private final Map<String, NDArray> mean = new LinkedHashMap<>();
  private final Map<String, NDArray> variance = new LinkedHashMap<>();
  private int steps;
  private int skipped;

  /**
   * An optimiser for {@code parameters} (the trainable ones, by name); its state lives in
   * {@code manager}.
   */
  public AdamW(Map<String, Parameter> parameters, double weightDecay, double clipNorm,
      NDManager manager) {
    this.parameters = new LinkedHashMap<>(parameters);
    this.weightDecay = weightDecay;
    this.clipNorm = clipNorm;
    this.manager = manager;
  }

  /** Steps skipped because the gradient was not finite. */
  public int skipped() {
    return skipped;
  }

  /** Optimiser steps taken so far (restored by {@link #load}). */
  public int steps() {
    return steps;
  }

  /**
   * One update with the gradients the parameters hold, then sets those gradients to zero.
   *
   * @return the global gradient norm before clipping
   */
  public double step(double learningRate) {
    steps++;
    // Every temporary made here (gradient handles, products) is closed when the scope ends;
    // without it they would pile up in the parameters' manager, gigabytes per epoch.
    try (NDScope scope = new NDScope()) {
      Map<String, NDArray> grads = new LinkedHashMap<>();
      NDList squares = new NDList();
      for (Map.Entry<String, Parameter> entry : parameters.entrySet()) {
        NDArray grad = entry.getValue().getArray().getGradient();
        grads.put(entry.getKey(), grad);
        squares.add(grad.square().sum());
      }
      // One read back to the host per step, not one per parameter: on a GPU each read waits for
      // the device. The per-parameter sums are float32; they are added in float64 as before.
      double norm = Math.sqrt(
          NDArrays.stack(squares).toType(DataType.FLOAT64, false).sum().getDouble());
      if (!Double.isFinite(norm)) {
        // An overflowed batch: skip it rather than write inf or NaN into every weight, and
        // clear by filling zeros (inf − inf or inf · 0 would leave NaN behind).
        grads.values().forEach(org.distill4j.neural.InPlace::zero);
        skipped++;
        return norm;
      }
      float clip = clipNorm > 0 && norm > clipNorm ? (float) (clipNorm / (norm + 1e-6)) : 1f;
      float correction1 = 1 - (float) Math.pow(BETA1, steps);
      float correction2 = 1 - (float) Math.pow(BETA2, steps);
      for (Map.Entry<String, NDArray> entry : grads.entrySet()) {
        String name = entry.getKey();
        update(name, parameters.get(name).getArray(), entry.getValue().mul(clip),
            (float) learningRate, correction1, correction2);
        entry.getValue().subi(entry.getValue());
      }
      return norm;
    }
  }

  private void update(String name, NDArray weight, NDArray grad, float rate, float correction1,
      float correction2) {
    NDArray m = mean.computeIfAbsent(name, k -> state(weight));
    NDArray v = variance.computeIfAbsent(name, k -> state(weight));
    m.muli(BETA1).addi(grad.mul(1 - BETA1));
    v.muli(BETA2).addi(grad.square().mul(1 - BETA2));
    if (decays(name) && weightDecay > 0) {
      weight.subi(weight.mul((float) (rate * weightDecay)));
    }
    weight.subi(m.div(correction1).mul(rate).div(v.div(correction2).sqrt().add(EPSILON)));
  }

  private NDArray state(NDArray weight) {
    NDArray zeros = manager.zeros(weight.getShape(), weight.getDataType(), weight.getDevice());
    zeros.setRequiresGradient(false);
    NDScope.unregister(zeros);
    return zeros;
  }

  /**
   * Biases and normalisation scales are not decayed, as in the BERT and Llama recipes: BERT's
   * {@code LayerNorm}, GPT-2's {@code ln_1}/{@code ln_f}, Llama's {@code input_layernorm} and
   * {@code model.norm}.
   */
  static boolean decays(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return !name.endsWith(".bias") && !lower.contains("norm") && !lower.contains(".ln_");
  }

  /** Writes the moments (safetensors) and the step count to {@code file}. */
  public void save(Path file) throws IOException {
    NDList arrays = new NDList();
    NDArray count = manager.create(new long[] {steps});
    count.setName("steps");
    arrays.add(count);
    for (String name : mean.keySet()) {
      NDArray m = mean.get(name).duplicate();
      m.setName("m." + name);
      NDArray v = variance.get(name).duplicate();
      v.setName("v." + name);
      arrays.add(m);
      arrays.add(v);
    }
    try {
      Safetensors.write(arrays, file);
    } finally {
      arrays.close();
    }
  }

  /** Reads what {@link #save} wrote. */
  public void load(Path file) throws IOException {
    NDList arrays = Safetensors.read(manager, file);
    for (NDArray array : arrays) {
      String name = array.getName();
      if (name.equals("steps")) {
        steps = Math.toIntExact(array.toLongArray()[0]);
      } else if (name.startsWith("m.")) {
        mean.put(name.substring(2), array);
      } else if (name.startsWith("v.")) {
        variance.put(name.substring(2), array);
      }
    }
  }
}
