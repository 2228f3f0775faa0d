package org.distill4j.neural.decoder.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.distill4j.neural.decoder.DecoderInput;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.chat.PackedRow;
import org.distill4j.neural.tune.TuneTask;

/**
 * Next-token cross-entropy on the positions each row marks, averaged over those positions in the
 * batch, with {@link PackedRow#labels()}'s targets: the first token of an example is never
 * predicted from the last token of the one before, and attention stays within each example.
 * Rows of a batch are right-padded to the longest.
 */
public final class CausalLmTask implements TuneTask<DecoderLm, PackedRow> {
  private final int scoreBatch;

  /** A task that scores dev rows {@code scoreBatch} at a time. */
  public CausalLmTask(int scoreBatch) {
    this.scoreBatch = scoreBatch;
  }

  @Override
  public NDArray loss(DecoderLm model, ParameterStore store, NDManager scope,
      List<PackedRow> batch) {
    if (model.block().computeType() != DataType.FLOAT32) {
      throw new IllegalStateException("training runs in float32: DJL's casts carry no"
          + " gradient, so a " + model.block().computeType() + " pass would train nothing");
    }
    Forward pass = forward(model, store, scope, batch, true);
    return pass.nllSum().div(pass.targetMask().sum().maximum(1f));
  }

  /**
   * The model's forward pass over {@code batch} (rows right-padded to the longest), for losses
   * that need the logits themselves (token-level distillation adds a divergence to the NLL).
   */
  public static Forward forward(DecoderLm model, ParameterStore store, NDManager scope,
      List<PackedRow> batch, boolean training) {
    int rows = batch.size();
    int width = batch.stream().mapToInt(PackedRow::length).max().orElseThrow();
    long[] ids = new long[rows * width];
    long[] positions = new long[ids.length];
    float[] mask = new float[ids.length];
    int[] segments = new int[ids.length];
    long[] targets = new long[rows * (width - 1)];
    float[] weights = new float[targets.length];
    for (int r = 0; r < rows; r++) {
      PackedRow row = batch.get(r);
      long[] rowIds = row.ids();
      int[] rowSegments = row.segments();
      long[] labels = row.labels();
      System.arraycopy(rowIds, 0, ids, r * width, rowIds.length);
      System.arraycopy(row.positions(), 0, positions, r * width, rowIds.length);
      System.arraycopy(rowSegments, 0, segments, r * width, rowIds.length);
      for (int t = 0; t < rowIds.length; t++) {
        mask[r * width + t] = rowSegments[t] == PackedRow.PAD_SEGMENT ? 0f : 1f;
      }
      for (int t = 0; t + 1 < rowIds.length; t++) {
        int at = r * (width - 1) + t;
        boolean target = labels[t] != PackedRow.IGNORE_INDEX;
        targets[at] = target ? labels[t] : 0;
        weights[at] = target ? 1f : 0f;
      }
    }
    Shape shape = new Shape(rows, width);
    DecoderInput input = new DecoderInput(scope.create(ids, shape),
        scope.create(positions, shape), scope.create(mask, shape),
        scope.create(segments, shape));
    NDArray logits = model.block().forward(store, input, null, training);
    Shape predicting = new Shape(rows, width - 1);
    return new Forward(logits.get(":, :" + (width - 1) + ", :").toType(DataType.FLOAT32, false),
        scope.create(targets, predicting), scope.create(weights, predicting));
  }

  /**
   * One forward pass: position t of a row holds what predicts the row's token t + 1.
   *
   * @param logits (rows, width - 1, vocabulary) float32
   * @param targets (rows, width - 1) int64 next-token labels; 0 where there is none
   * @param targetMask (rows, width - 1) 1 where the next token is a target, else 0
   */
  public record Forward(NDArray logits, NDArray targets, NDArray targetMask) {
    /** The next-token NLL at each position, 0 where there is no target: (rows, width - 1). */
    public NDArray nll() {
      return logits.logSoftmax(-1).gather(targets.expandDims(2), 2).squeeze(2)
          .mul(targetMask).neg();
    }

    /** The NLL summed over the targets. */
    public NDArray nllSum() {
      return nll().sum();
    }
  }

  /** The negative mean NLL per target token over {@code dev}: higher is better. */
  @Override
  public double score(DecoderLm model, List<PackedRow> dev) {
    double sum = 0;
    long count = 0;
    for (int start = 0; start < dev.size(); start += scoreBatch) {
      List<PackedRow> batch = dev.subList(start, Math.min(dev.size(), start + scoreBatch));
      try (NDManager scope = model.manager().newSubManager()) {
        Forward pass = forward(model, model.inferenceStore(), scope, batch, false);
        sum += pass.nllSum().getFloat();
        count += Math.round(pass.targetMask().sum().getFloat());
      }
    }
    return count == 0 ? Double.NaN : -sum / count;
  }

  @Override
  public String scoreName() {
    return "-dev loss";
  }

  @Override
  public int tokens(DecoderLm model, PackedRow example) {
    return example.length();
  }
}
