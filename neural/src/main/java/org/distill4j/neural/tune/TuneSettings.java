package org.distill4j.neural.tune;

/**
 * How a fine-tuning run goes. Defaults ({@link #defaults()}) follow the usual BERT recipe.
 *
 * @param epochs the most passes over the training examples
 * @param batchSize examples per forward pass
 * @param accumulation forward passes per optimiser step (effective batch = both multiplied)
 * @param learningRate the peak rate, reached after warm-up
 * @param weightDecay AdamW's decoupled decay, not applied to biases and LayerNorm weights
 * @param warmupFraction the share of all optimiser steps spent rising linearly from 0 to the
 *     peak; the rate then falls linearly to 0 at the last step
 * @param clipNorm the largest global gradient L2 norm; larger gradients are scaled down (0: off)
 * @param patience epochs without a better dev score before stopping (0: never stop early)
 * @param seed the shuffling, dropout and fresh-weight seed
 */
public record TuneSettings(int epochs, int batchSize, int accumulation, double learningRate,
    double weightDecay, double warmupFraction, double clipNorm, int patience, long seed) {
  public TuneSettings {
    require(epochs >= 1, "epochs must be at least 1, found " + epochs);
    require(batchSize >= 1, "batch size must be at least 1, found " + batchSize);
    require(accumulation >= 1, "accumulation must be at least 1, found " + accumulation);
    require(learningRate > 0, "learning rate must be positive, found " + learningRate);
    require(weightDecay >= 0, "weight decay must not be negative, found " + weightDecay);
    require(warmupFraction >= 0 && warmupFraction < 1,
        "warm-up fraction must be in [0, 1), found " + warmupFraction);
    require(clipNorm >= 0, "clip norm must not be negative, found " + clipNorm);
    require(patience >= 0, "patience must not be negative, found " + patience);
  }

  /** 3 epochs, batch 16, lr 3e-5, decay 0.01, 10 % warm-up, clip 1.0, patience 2, seed 7. */
  public static TuneSettings defaults() {
    return new TuneSettings(3, 16, 1, 3e-5, 0.01, 0.1, 1.0, 2, 7);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
