package org.distill4j.filtering.critic;

import java.util.List;

/**
 * Trains a critic from labelled examples: the pluggable model that {@link CrossValidation}
 * retrains on every fold. The frozen-embedding network ({@link EmbeddingMlpTrainer}) is one;
 * a fine-tuned encoder can be another. Implementations must not keep state between calls, so
 * each fold's model sees only its own training part.
 */
@FunctionalInterface
public interface CriticTrainer {

  /** A critic trained on {@code examples} (at least one accepted and one rejected). */
  TrainedCritic train(List<CriticExample> examples);
}
