package org.distill4j.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.train.CausalLmTask;
import org.distill4j.neural.tune.TuneTask;
import org.distill4j.training.eval.GenerationScores;

/**
 * The decoder student's fine-tuning task: an objective on the assistant's tokens (next-token
 * loss, {@link CausalLmTask}, or that loss with a teacher's top-k, {@link DistilledLmTask}),
 * scored on dev by the negative dev loss (the best epoch and early stopping go by it, as for
 * the other students); each dev pass also decodes the first dev inputs and scores exact match,
 * for the run's curves.
 */
final class DecoderTask<E> implements TuneTask<DecoderLm, E> {
  private final TuneTask<DecoderLm, E> loss;
  private final DecoderChats chats;
  private final Map<String, List<String>> references;
  private final int maxNewTokens;
  private DevMeasure last = new DevMeasure(Double.NaN, Double.NaN);

  /**
   * @param loss what is minimised, and how dev is scored
   * @param references the dev inputs to decode each epoch, with their references (empty: none)
   */
  DecoderTask(TuneTask<DecoderLm, E> loss, DecoderChats chats,
      Map<String, List<String>> references, int maxNewTokens) {
    this.loss = loss;
    this.chats = chats;
    this.references = references;
    this.maxNewTokens = maxNewTokens;
  }

  @Override
  public NDArray loss(DecoderLm model, ParameterStore store, NDManager scope,
      List<E> batch) {
    return loss.loss(model, store, scope, batch);
  }

  @Override
  public double score(DecoderLm model, List<E> dev) {
    double score = loss.score(model, dev);
    double exact = Double.NaN;
    if (!references.isEmpty()) {
      try {
        List<String> outputs = chats.replies(model, new ArrayList<>(references.keySet()),
            org.distill4j.neural.decoder.GenerationSettings.greedy(maxNewTokens,
                java.util.Set.of()));
        exact = GenerationScores.score(references, outputs).exactMatch();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    last = new DevMeasure(-score, exact);
    return score;
  }

  @Override
  public String scoreName() {
    return "neg_dev_loss";
  }

  @Override
  public int tokens(DecoderLm model, E example) {
    return loss.tokens(model, example);
  }

  /** The latest dev pass: loss, and exact match when dev inputs were decoded. */
  DevMeasure last() {
    return last;
  }
}
