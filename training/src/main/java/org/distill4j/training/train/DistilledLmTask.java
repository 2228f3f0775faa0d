package org.distill4j.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.chat.PackedRow;
import org.distill4j.neural.decoder.train.CausalLmTask;
import org.distill4j.neural.tune.TuneTask;
import org.distill4j.training.loss.SparseTokenLosses;
import org.distill4j.training.loss.TokenDistillation;

/**
 * The decoder student's loss with a served teacher's top-k log-probabilities: per target token,
 * {@code (1 - kd_weight) * NLL + kd_weight * divergence} where the token is aligned with the
 * teacher ({@link TeacherTargets}), the NLL alone where it is not; averaged over all target
 * tokens of the batch, so an unaligned example pulls as hard as it would without distillation.
 * Dev is scored by the NLL alone, so that best epochs compare with runs that do not distil.
 */
final class DistilledLmTask implements TuneTask<DecoderLm, DistilledRow> {
  private final CausalLmTask causal = new CausalLmTask(8);
  private final TokenDistillation settings;
  private final TeacherTargets teacher;
  private volatile float taidT;

  DistilledLmTask(TokenDistillation settings, TeacherTargets teacher) {
    this.settings = settings;
    this.teacher = teacher;
    this.taidT = settings.taidStart();
  }

  /** How far training has come, in [0, 1]: moves TAID's t linearly from its start to 1. */
  void setProgress(double progress) {
    double p = Math.max(0, Math.min(1, progress));
    taidT = (float) (settings.taidStart() + (1 - settings.taidStart()) * p);
  }

  /**
   * One batch's loss and its parts, as scalars in {@code scope}.
   *
   * @param total what is minimised
   * @param crossEntropy the mean NLL over every target token
   * @param divergence the mean divergence (times T²) over the aligned tokens; 0 when none
   * @param aligned how many target tokens had teacher targets
   * @param logits the student's logits (rows, width - 1, vocabulary)
   */
  record Parts(NDArray total, NDArray crossEntropy, NDArray divergence, int aligned,
      NDArray logits) {}

  Parts parts(DecoderLm model, ParameterStore store, NDManager scope, List<DistilledRow> batch,
      boolean training) {
    List<PackedRow> rows = batch.stream().map(DistilledRow::row).toList();
    CausalLmTask.Forward forward = CausalLmTask.forward(model, store, scope, rows, training);
    NDArray logits = forward.logits();
    int positions = (int) logits.getShape().get(1);
    NDList targets = teacher.arrays(batch, positions, scope);
    NDArray alignedMask = targets.get(3);
    int aligned = (int) alignedMask.sum().getFloat();
    NDArray count = forward.targetMask().sum().maximum(1f);
    NDArray nll = forward.nll();
    float a = settings.kdWeight();
    // The divergence comes back averaged over the aligned tokens; times their count it is the
    // sum, which is then spread over all target tokens like the NLL.
    NDArray divergence = SparseTokenLosses.divergence(settings.divergence(), logits,
        targets.get(0), targets.get(1), targets.get(2), alignedMask,
        alignedMask.onesLike(), settings.temperature(), settings.skew(), taidT);
    NDArray nllWeights = forward.targetMask().sub(alignedMask.mul(a));
    NDArray total = nll.mul(nllWeights).sum().add(divergence.mul(Math.max(1, aligned) * a))
        .div(count);
    return new Parts(total, nll.sum().div(count), divergence, aligned, logits);
  }

  @Override
  public NDArray loss(DecoderLm model, ParameterStore store, NDManager scope,
      List<DistilledRow> batch) {
    return parts(model, store, scope, batch, true).total();
  }

  @Override
  public double score(DecoderLm model, List<DistilledRow> dev) {
    return causal.score(model, dev.stream().map(DistilledRow::row).toList());
  }

  @Override
  public String scoreName() {
    return causal.scoreName();
  }

  @Override
  public int tokens(DecoderLm model, DistilledRow example) {
    return example.row().length();
  }
}
