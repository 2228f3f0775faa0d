package org.distill4j.training.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill4j.core.io.InputException;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.CorpusExamples;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.retrieval.FactPrefixAugmenter;
import org.distill4j.training.retrieval.RetrieverSource;

/**
 * The train and dev examples of a run, with retrieved facts prepended when the config asks.
 *
 * @param train training examples
 * @param dev dev examples
 * @param skippedRejected corpus records left out because a filter rejected them
 */
public record RunData(List<TrainingExample> train, List<TrainingExample> dev,
    long skippedRejected) {

  /** Reads and splits the corpora of {@code config}. */
  public static RunData prepare(StudentConfig config, boolean choiceTargets, boolean keepRejected,
      RetrieverSource retrievers) {
    CorpusExamples.Loaded train = CorpusExamples.read(config.train(), config.weightScore(),
        keepRejected, choiceTargets);
    List<TrainingExample> trainExamples = train.examples();
    List<TrainingExample> devExamples;
    long skipped = train.rejected();
    if (config.dev() != null) {
      CorpusExamples.Loaded dev = CorpusExamples.read(config.dev(), config.weightScore(),
          keepRejected, choiceTargets);
      devExamples = dev.examples();
      skipped += dev.rejected();
    } else {
      List<List<TrainingExample>> split = splitByInput(trainExamples, config.devFraction(),
          config.seed());
      trainExamples = split.get(0);
      devExamples = split.get(1);
    }
    if (trainExamples.isEmpty() || devExamples.isEmpty()) {
      throw new InputException("need at least one training and one dev example; "
          + config.train() + " gave " + trainExamples.size() + " for training and "
          + devExamples.size() + " for dev");
    }
    if (config.retrieval() != null) {
      FactPrefixAugmenter augmenter =
          new FactPrefixAugmenter(retrievers.open(config.retrieval()), config.retrieval().k());
      trainExamples = augmenter.augmentAll(trainExamples);
      devExamples = augmenter.augmentAll(devExamples);
    }
    return new RunData(trainExamples, devExamples, skipped);
  }

  /**
   * Holds out {@code fraction} of the distinct inputs (not of the examples), so that an input
   * with several targets never sits on both sides. Returns {@code [train, heldOut]}.
   */
  public static List<List<TrainingExample>> splitByInput(List<TrainingExample> examples,
      double fraction, long seed) {
    Map<String, List<TrainingExample>> groups = new LinkedHashMap<>();
    for (TrainingExample e : examples) {
      groups.computeIfAbsent(e.input(), k -> new ArrayList<>()).add(e);
    }
    List<String> keys = new ArrayList<>(groups.keySet());
    Collections.shuffle(keys, new Random(seed));
    int held = (int) Math.max(1, Math.round(keys.size() * fraction));
    if (keys.size() < 2) {
      held = 0;
    }
    List<TrainingExample> train = new ArrayList<>();
    List<TrainingExample> heldOut = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      (i < held ? heldOut : train).addAll(groups.get(keys.get(i)));
    }
    return List.of(train, heldOut);
  }
}
