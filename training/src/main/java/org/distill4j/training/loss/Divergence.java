package org.distill4j.training.loss;

import org.distill4j.core.io.InputException;

/**
 * Which divergence token-level distillation minimises between the teacher's distribution p and the
 * student's q at each position.
 */
public enum Divergence {
  /** KL(p || q): mass-covering; the classic Hinton et al. objective. */
  FORWARD_KL,
  /** KL(q || p): mode-seeking. */
  REVERSE_KL,
  /** KL(p || s p + (1 - s) q): forward KL against a skewed mixture, bounded when q is near 0. */
  SKEW_FORWARD_KL,
  /** KL(q || s q + (1 - s) p). */
  SKEW_REVERSE_KL,
  /**
   * TAID: KL(r_t || q) where r_t = softmax((1 - t) stopgrad(student logits) + t teacher logits)
   * and t grows from the schedule's start to 1 over training.
   */
  TAID;

  /** Parses the config spelling: {@code forward-kl}, {@code reverse-kl}, ... {@code taid}. */
  public static Divergence parse(String text) {
    return parse(text, "distillation.divergence");
  }

  /**
   * Parses {@code forward-kl} or {@code forward_kl} (either separator: YAML keys elsewhere use
   * underscores, and the older spelling is kept), ... {@code taid}; errors name {@code field}.
   */
  public static Divergence parse(String text, String field) {
    for (Divergence d : values()) {
      if (d.name().replace('_', '-').equalsIgnoreCase(text.trim().replace('_', '-'))) {
        return d;
      }
    }
    throw new InputException("field \"" + field + "\" must be one of forward-kl,"
        + " reverse-kl, skew-forward-kl, skew-reverse-kl, taid; found \"" + text + "\"");
  }
}
