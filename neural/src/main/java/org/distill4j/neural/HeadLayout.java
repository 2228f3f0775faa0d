package org.distill4j.neural;

/**
 * The layers of a {@link ScoringHead}: linear to {@code hidden} units, an activation, optionally
 * a dropout layer, linear to one output. Whether the dropout layer exists is part of the saved
 * parameter format, so a head without one (the critic's) differs from one with a rate of 0.
 *
 * @param hidden the hidden layer's width, at least 1
 * @param activation after the hidden layer
 * @param dropoutLayer whether a dropout layer follows the activation
 * @param dropout its rate (ignored without the layer)
 */
public record HeadLayout(int hidden, Activation activation, boolean dropoutLayer, float dropout) {
  /** The non-linearity after the hidden layer. */
  public enum Activation { RELU, GELU }

  public HeadLayout {
    if (hidden < 1) {
      throw new IllegalArgumentException("hidden must be at least 1, found " + hidden);
    }
    if (activation == null) {
      throw new IllegalArgumentException("an activation is required");
    }
  }

  /** Linear, activation, linear: no dropout layer. */
  public static HeadLayout plain(int hidden, Activation activation) {
    return new HeadLayout(hidden, activation, false, 0f);
  }

  /** Linear, activation, dropout at {@code rate}, linear. */
  public static HeadLayout withDropout(int hidden, Activation activation, float rate) {
    return new HeadLayout(hidden, activation, true, rate);
  }
}
