package org.distill4j.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The generative student's objective as a DJL {@link Loss}. Labels are {@code [labels, lossMask,
 * weights]}, plus the teacher's logits as a fourth array when distilling token by token.
 *
 * <p>Without a teacher it is sequence-level distillation: cross-entropy on the teacher's text. With
 * one it is {@code kdWeight * divergence + (1 - kdWeight) * cross-entropy}. The last KD and CE
 * values are kept so a run can log the KD share of the loss.
 */
public final class StudentLoss extends Loss {
  private final TokenDistillation distillation;
  private volatile float taidT;
  private volatile float lastKd = Float.NaN;
  private volatile float lastCe = Float.NaN;

  /** Sequence-level distillation only. */
  public StudentLoss() {
    this(null);
  }

  /** Token-level distillation with {@code distillation}'s settings; null for sequence-level. */
  public StudentLoss(TokenDistillation distillation) {
    super("student-loss");
    this.distillation = distillation;
    this.taidT = distillation == null ? 1f : distillation.taidStart();
  }

  /** The distillation settings, or null for sequence-level training. */
  public TokenDistillation distillation() {
    return distillation;
  }

  /** Sets how far training has come, in [0, 1]; moves TAID's t linearly from start to 1. */
  public void setProgress(double progress) {
    if (distillation != null) {
      double p = Math.max(0, Math.min(1, progress));
      taidT = (float) (distillation.taidStart() + (1 - distillation.taidStart()) * p);
    }
  }

  /** TAID's current t. */
  public float taidT() {
    return taidT;
  }

  /** The KD part of the last evaluated loss (NaN when not distilling token by token). */
  public float lastKd() {
    return lastKd;
  }

  /** The cross-entropy part of the last evaluated loss. */
  public float lastCe() {
    return lastCe;
  }

  @Override
  public NDArray evaluate(NDList labels, NDList predictions) {
    NDArray logits = predictions.head();
    NDArray ce = TokenLosses.crossEntropy(logits, labels.get(0), labels.get(1), labels.get(2));
    if (distillation == null || labels.size() < 4) {
      lastCe = ce.getFloat();
      return ce;
    }
    NDArray kd = TokenLosses.divergence(distillation.divergence(), logits, labels.get(3),
        labels.get(1), labels.get(2), distillation.temperature(), distillation.skew(), taidT);
    lastCe = ce.getFloat();
    lastKd = kd.getFloat();
    float a = distillation.kdWeight();
    return kd.mul(a).add(ce.mul(1 - a));
  }
}
