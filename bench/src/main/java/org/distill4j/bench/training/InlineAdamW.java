package org.distill4j.bench.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;

/**
 * AdamW written out for the fine-tuning benchmark, so the measured step costs what a real
 * optimizer's update costs (two moment updates, a bias-corrected step, decoupled weight decay per
 * parameter) without depending on the trainer being written in {@code neural.tune}.
 *
 * <p>Every temporary is closed here: results of DJL operations attach to the manager of their
 * first operand, which for the moments and weights is a long-lived one, so anything not closed
 * would accumulate over an epoch and show up as the leak the benchmark is looking for.
 */
final class InlineAdamW implements AutoCloseable {
  private static final float BETA1 = 0.9f;
  private static final float BETA2 = 0.999f;
  private static final float EPSILON = 1e-8f;

  private final List<NDArray> weights;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  private final NDManager state;
  private final float rate;
  private final float decay;
  private int steps;

  /** Moments for {@code weights} live in a child of {@code parent}, closed with this. */
  InlineAdamW(NDManager parent, List<NDArray> weights, float rate, float decay) {
    this.weights = weights;
    this.state = parent.newSubManager();
    this.rate = rate;
    this.decay = decay;
    for (NDArray w : weights) {
      first.add(state.zeros(w.getShape(), w.getDataType()));
      second.add(state.zeros(w.getShape(), w.getDataType()));
    }
  }

  /**
   * One update from the gradients the last backward pass left, which it then zeroes (PyTorch
   * accumulates gradients across backward calls). Must run outside a gradient collector: the
   * in-place updates of leaf tensors are refused while autograd records.
   */
  void step() {
    steps++;
    float correction1 = 1f - (float) Math.pow(BETA1, steps);
    float correction2 = 1f - (float) Math.pow(BETA2, steps);
    for (int i = 0; i < weights.size(); i++) {
      NDArray w = weights.get(i);
      NDArray m = first.get(i);
      NDArray v = second.get(i);
      try (NDArray g = w.getGradient();
          NDArray scaled = g.mul(1f - BETA1);
          NDArray squared = g.square()) {
        m.muli(BETA1).addi(scaled);
        v.muli(BETA2).addi(squared.muli(1f - BETA2));
        try (NDArray vHat = v.div(correction2);
            NDArray root = vHat.sqrt();
            NDArray update = m.div(root.addi(EPSILON))) {
          w.muli(1f - rate * decay).subi(update.muli(rate / correction1));
        }
        g.muli(0f);
      }
    }
  }

  @Override
  public void close() {
    state.close();
  }
}
