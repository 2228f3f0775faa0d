package org.distill4j.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.tune.TuneTask;

/**
 * A fine-tuning task whose dev score also yields the dev loss, from the same single pass of
 * logits ({@link EncoderScores}): the fine-tuner only asks for a score, the run's metrics need
 * both, and scoring dev twice would double the slowest part of an epoch on a CPU.
 *
 * @param <E> the example type
 */
final class MeasuredTask<E> implements TuneTask<BertClassifier, E> {
  private final TuneTask<BertClassifier, E> training;
  private final BiFunction<BertClassifier, List<E>, EncoderScores> measure;
  private final ToDoubleFunction<EncoderScores> selected;
  private final String metric;
  private EncoderScores last;

  /**
   * @param training the loss to train on
   * @param measure the dev scores
   * @param selected the score early stopping and the best epoch go by
   * @param metric its name in {@code metrics.jsonl}
   */
  MeasuredTask(TuneTask<BertClassifier, E> training, BiFunction<BertClassifier, List<E>, EncoderScores> measure,
      ToDoubleFunction<EncoderScores> selected, String metric) {
    this.training = training;
    this.measure = measure;
    this.selected = selected;
    this.metric = metric;
  }

  @Override
  public NDArray loss(BertClassifier model, ParameterStore store, NDManager scope,
      List<E> batch) {
    return training.loss(model, store, scope, batch);
  }

  @Override
  public double score(BertClassifier model, List<E> dev) {
    last = measure.apply(model, dev);
    return selected.applyAsDouble(last);
  }

  @Override
  public String scoreName() {
    return metric;
  }

  @Override
  public int tokens(BertClassifier model, E example) {
    return training.tokens(model, example);
  }

  /** The scores of the latest {@link #score} call. */
  EncoderScores last() {
    return last;
  }
}
