package org.distill4j.filtering.critic;

import java.util.List;

/**
 * A trained critic's scoring function: higher means more likely acceptable (a probability for
 * the classifier critic). Close it to free a native model.
 */
public interface TrainedCritic extends AutoCloseable {

  /** One score per example, in order; labels are ignored. */
  double[] score(List<CriticExample> examples);

  @Override
  default void close() {}
}
