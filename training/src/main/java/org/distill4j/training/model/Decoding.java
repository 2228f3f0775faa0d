package org.distill4j.training.model;

/**
 * How a generative student picks each next token.
 *
 * @param temperature 0 for greedy (always the most likely token); above 0 samples from the
 *     softmax of logits divided by it
 * @param topK when sampling, only the k most likely tokens are candidates; 0 for all
 * @param seed the sampler's seed, so a sampled decode can be repeated
 */
public record Decoding(double temperature, int topK, long seed) {
  public Decoding {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, found " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be >= 0, found " + topK);
    }
  }

  /** Greedy decoding. */
  public static Decoding greedy() {
    return new Decoding(0, 0, 0);
  }

  /** Whether this decodes greedily. */
  public boolean isGreedy() {
    return temperature == 0;
  }
}
