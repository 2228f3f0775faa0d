package org.distill4j.training.model;

/**
 * How a generative student picks each next token.
 *
 * @param temperature 0 for greedy (always the most likely token); above 0 samples from the
 *     softmax of logits divided by it
 * @param topK when sampling, only the k most likely tokens are candidates; 0 for all
 * @param seed the sampler's seed, so a sampled decode can be repeated
 * @param beamWidth above 1 (with temperature 0): beam search keeping that many partial outputs
 *     per input and writing the one of highest total log-probability; 1 for greedy or sampling
 */
public record Decoding(double temperature, int topK, long seed, int beamWidth) {
  public Decoding {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be >= 0, found " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top-k must be >= 0, found " + topK);
    }
    if (beamWidth < 1) {
      throw new IllegalArgumentException("beam width must be >= 1, found " + beamWidth);
    }
    if (beamWidth > 1 && temperature != 0) {
      throw new IllegalArgumentException("beam search is deterministic: use temperature 0 with a"
          + " beam width above 1");
    }
  }

  /** Greedy decoding or sampling, without a beam. */
  public Decoding(double temperature, int topK, long seed) {
    this(temperature, topK, seed, 1);
  }

  /** Greedy decoding. */
  public static Decoding greedy() {
    return new Decoding(0, 0, 0, 1);
  }

  /** Beam search of {@code width} partial outputs per input. */
  public static Decoding beam(int width) {
    return new Decoding(0, 0, 0, width);
  }

  /** Whether this decodes greedily (one best token at a time, no beam). */
  public boolean isGreedy() {
    return temperature == 0 && beamWidth == 1;
  }

  /** Whether this decodes by beam search. */
  public boolean isBeam() {
    return beamWidth > 1;
  }
}
