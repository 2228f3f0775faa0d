package org.distill4j.training.loss;

/**
 * Settings of token-level distillation from a local teacher's distributions.
 *
 * @param divergence what is minimised
 * @param temperature logits are divided by it before the softmax (above 1 softens both)
 * @param kdWeight the divergence's share of the loss; the rest is cross-entropy on hard labels
 * @param skew s for the skew divergences, in [0, 1)
 * @param taidStart TAID's t at the start of training, in [0, 1]
 */
public record TokenDistillation(Divergence divergence, float temperature, float kdWeight,
    float skew, float taidStart) {
  public TokenDistillation {
    if (divergence == null) {
      throw new IllegalArgumentException("field \"divergence\" is missing");
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("temperature must be > 0, found " + temperature);
    }
    if (!(kdWeight >= 0 && kdWeight <= 1)) {
      throw new IllegalArgumentException("kd_weight must be in [0, 1], found " + kdWeight);
    }
    if (!(skew >= 0 && skew < 1)) {
      throw new IllegalArgumentException("skew must be in [0, 1), found " + skew);
    }
    if (!(taidStart >= 0 && taidStart <= 1)) {
      throw new IllegalArgumentException("taid_start must be in [0, 1], found " + taidStart);
    }
  }
}
