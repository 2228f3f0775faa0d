package org.distill4j.neural.tune;

/**
 * The learning rate at an optimiser step: linear rise over {@code warmup} steps, then linear
 * fall to zero at {@code total}, as transformers' {@code get_linear_schedule_with_warmup}.
 */
public record LinearWarmup(double peak, int warmup, int total) {
  public LinearWarmup {
    if (total < 1 || warmup < 0 || warmup > total) {
      throw new IllegalArgumentException("need 0 <= warmup <= total, total >= 1; found warmup "
          + warmup + ", total " + total);
    }
  }

  /** The rate for step {@code step} (0-based). */
  public double rate(int step) {
    if (step < warmup) {
      return peak * (step + 1) / (warmup + 1.0);
    }
    return peak * Math.max(0.0, (total - step) / (double) Math.max(1, total - warmup));
  }
}
