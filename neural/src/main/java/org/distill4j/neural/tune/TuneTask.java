package org.distill4j.neural.tune;

import org.distill4j.neural.Tunable;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * What fine-tuning optimises and how a dev set is scored, for one kind of example.
 *
 * @param <M> the model type
 * @param <E> the example type
 */
public interface TuneTask<M extends Tunable, E> {
  /** The batch's mean loss as a scalar in {@code scope}, computed with dropout. */
  NDArray loss(M model, ParameterStore store, NDManager scope, List<E> batch);

  /** The dev score (higher is better), computed without dropout. */
  double score(M model, List<E> dev);

  /** What {@link #score} measures, for progress lines ("AP", "accuracy"). */
  String scoreName();

  /** Token count of an example after truncation, summed over its rows (for throughput). */
  int tokens(M model, E example);
}
