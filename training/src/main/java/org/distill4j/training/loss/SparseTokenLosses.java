package org.distill4j.training.loss;

import ai.djl.ndarray.NDArray;

/**
 * Token-level divergences against a served teacher's top-k log-probabilities, the sparse
 * counterpart of {@link TokenLosses#divergence}: the teacher's distribution at a position is
 * known only on its k best tokens.
 *
 * <p><b>How the top-k distribution is completed.</b> Both distributions are restricted to the
 * teacher's k tokens and renormalised there: p_j = softmax_j(teacher logprob_j / T) and q_j =
 * softmax_j(student logit[id_j] / T) over the valid j, and every divergence is computed on those
 * k-point distributions. Renormalising is chosen over a "rest" bucket holding 1 - Σ top-k
 * because it commutes with temperature: softmax(logits / T) restricted to k tokens and
 * renormalised equals the renormalised top-k probabilities raised to 1/T, which needs nothing
 * outside the top-k, whereas a rest bucket's mass at T ≠ 1 depends on how the unseen tail is
 * spread and cannot be computed from the k values. At T = 1 it differs from the dense loss only
 * by what the teacher gives outside its top-k (typically a few percent of its mass for k = 20).
 * The cost: the student is not pushed away from tokens outside the teacher's top-k; pair it with
 * cross-entropy on the teacher's text (the {@code kd_weight} split) for that.
 *
 * <p>Slots past the k the teacher sent at a position (a short top list, or a token the student
 * vocabulary lacks) are marked invalid and take no mass on either side. A position with no
 * valid slot should be left out by {@code lossMask}.
 */
public final class SparseTokenLosses {
  /** Large enough that exp underflows to 0, small enough that differences stay finite. */
  private static final float ABSENT = -1e4f;

  private SparseTokenLosses() {}

  /**
   * The divergence at each labelled position, reduced as {@link TokenLosses} reduces: the sum of
   * {@code weight * loss} over positions with {@code lossMask} 1, divided by their number, times
   * T² so that gradients keep their size as T changes.
   *
   * @param studentLogits (B, P, V) the student's logits at the positions that predict the
   *     teacher's tokens
   * @param teacherIds (B, P, k) int64 student vocabulary ids of the teacher's top-k
   * @param teacherLogprobs (B, P, k) their log-probabilities
   * @param valid (B, P, k) 1 where a slot holds a real token, 0 for padding
   * @param lossMask (B, P) 1 on positions that count
   * @param weights (B, P) per-position weights
   * @param skew the mixing weight s of the skew divergences (ignored by the others)
   * @param taidT TAID's interpolation t in [0, 1] (ignored by the others)
   */
  public static NDArray divergence(Divergence divergence, NDArray studentLogits,
      NDArray teacherIds, NDArray teacherLogprobs, NDArray valid, NDArray lossMask,
      NDArray weights, float temperature, float skew, float taidT) {
    NDArray absent = valid.neg().add(1f).mul(ABSENT);
    NDArray s = studentLogits.gather(teacherIds, -1).div(temperature).add(absent);
    NDArray t = teacherLogprobs.stopGradient().maximum(ABSENT).div(temperature).mul(valid)
        .add(absent);
    return TokenLosses.reduce(TokenLosses.perPosition(divergence, s, t, skew, taidT)
        .mul(temperature * temperature), lossMask, weights);
  }
}
