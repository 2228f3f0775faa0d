package org.distill4j.training.loss;

import ai.djl.ndarray.NDArray;

/**
 * The losses as array expressions. All reduce over positions the same way: the sum of {@code
 * weight * per-position loss} over labelled positions, divided by the number of labelled positions,
 * so a critic weight of 0.5 halves an example's pull and padding never counts.
 */
public final class TokenLosses {
  private static final float TINY = 1e-30f;

  private TokenLosses() {}

  /**
   * Cross-entropy of {@code logits (..., V)} against {@code labels (...)}.
   *
   * @param lossMask 1 on labelled positions (target tokens and the final EOS), 0 elsewhere
   * @param weights per-position weights (an example's weight on all its positions)
   */
  public static NDArray crossEntropy(NDArray logits, NDArray labels, NDArray lossMask,
      NDArray weights) {
    int vocab = (int) logits.getShape().get(logits.getShape().dimension() - 1);
    NDArray logProbs = logits.logSoftmax(-1);
    NDArray nll = logProbs.mul(labels.oneHot(vocab)).sum(new int[] {-1}).neg();
    return reduce(nll, lossMask, weights);
  }

  /**
   * The divergence between teacher and student distributions at each labelled position, on logits
   * divided by {@code temperature} and multiplied by {@code temperature²} so that its gradients
   * keep their size as the temperature changes.
   *
   * @param skew the mixing weight s of the skew divergences (ignored by the others)
   * @param taidT TAID's interpolation t in [0, 1] (ignored by the others)
   */
  public static NDArray divergence(Divergence divergence, NDArray studentLogits,
      NDArray teacherLogits, NDArray lossMask, NDArray weights, float temperature, float skew,
      float taidT) {
    NDArray s = studentLogits.div(temperature);
    NDArray t = teacherLogits.stopGradient().div(temperature);
    return reduce(perPosition(divergence, s, t, skew, taidT).mul(temperature * temperature),
        lossMask, weights);
  }

  /**
   * The divergence at each position between the softmaxes of tempered student logits {@code s}
   * and tempered teacher logits {@code t} over the last axis (the whole vocabulary, or a top-k
   * support as {@code SparseTokenLosses} gives it).
   */
  static NDArray perPosition(Divergence divergence, NDArray s, NDArray t, float skew,
      float taidT) {
    NDArray logQ = s.logSoftmax(-1);
    NDArray logP = t.logSoftmax(-1);
    NDArray q = logQ.exp();
    NDArray p = logP.exp();
    return switch (divergence) {
      case FORWARD_KL -> kl(p, logP, logQ);
      case REVERSE_KL -> kl(q, logQ, logP);
      case SKEW_FORWARD_KL -> kl(p, logP, p.mul(skew).add(q.mul(1 - skew)).maximum(TINY).log());
      case SKEW_REVERSE_KL -> kl(q, logQ, q.mul(skew).add(p.mul(1 - skew)).maximum(TINY).log());
      case TAID -> {
        NDArray target = s.stopGradient().mul(1 - taidT).add(t.mul(taidT)).logSoftmax(-1);
        yield kl(target.exp(), target, logQ);
      }
    };
  }

  private static NDArray kl(NDArray a, NDArray logA, NDArray logB) {
    // Clamped at 0: the sum is >= 0 in exact arithmetic; rounding may leave a tiny negative.
    return a.mul(logA.sub(logB)).sum(new int[] {-1}).maximum(0f);
  }

  static NDArray reduce(NDArray perPosition, NDArray lossMask, NDArray weights) {
    NDArray count = lossMask.sum().maximum(1f);
    return perPosition.mul(lossMask).mul(weights).sum().div(count);
  }
}
