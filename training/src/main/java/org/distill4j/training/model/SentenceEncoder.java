package org.distill4j.training.model;

import java.util.List;

/** Maps sentences to fixed-size vectors; the scorer student's frozen front end. */
@FunctionalInterface
public interface SentenceEncoder {
  /** One vector per text, in order, all of the same length. */
  List<float[]> embedAll(List<String> texts);
}
