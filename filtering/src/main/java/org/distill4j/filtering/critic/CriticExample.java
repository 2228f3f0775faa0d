package org.distill4j.filtering.critic;

/**
 * One labelled item for training or calibrating the classifier critic.
 *
 * @param text what is embedded (for a record: its knowledge text)
 * @param side numeric side features in the model's declared order; may be empty
 * @param accepted the human (or gold) label
 */
public record CriticExample(String text, double[] side, boolean accepted) {
  public CriticExample {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("a critic example needs text");
    }
    side = side == null ? new double[0] : side.clone();
  }
}
