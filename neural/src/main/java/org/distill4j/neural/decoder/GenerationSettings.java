package org.distill4j.neural.decoder;

import java.util.Set;

/**
 * How {@link Generator} picks tokens.
 *
 * @param maxNewTokens the most tokens to write
 * @param temperature 0 for greedy (argmax); above 0 samples from softmax(logits / temperature)
 * @param topP nucleus sampling: sample only from the smallest set of tokens whose probability
 *     reaches {@code topP} (1 keeps all)
 * @param beams 1 for greedy or sampling; above 1 beam search with that many beams (greedy
 *     within beams, temperature must be 0)
 * @param lengthPenalty beam search ranks finished beams by log-probability / length^this
 * @param seed the sampling seed
 * @param stopIds ids that end a sequence (kept in the output)
 */
public record GenerationSettings(int maxNewTokens, double temperature, double topP, int beams,
    double lengthPenalty, long seed, Set<Integer> stopIds) {
  public GenerationSettings {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("max new tokens must be at least 1, found "
          + maxNewTokens);
    }
    if (!(temperature >= 0)) {
      throw new IllegalArgumentException("temperature must be >= 0, found " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top_p must be in (0, 1], found " + topP);
    }
    if (beams < 1) {
      throw new IllegalArgumentException("beams must be at least 1, found " + beams);
    }
    if (beams > 1 && temperature > 0) {
      throw new IllegalArgumentException("beam search is deterministic: set temperature 0");
    }
    stopIds = Set.copyOf(stopIds);
  }

  /** Greedy decoding of up to {@code maxNewTokens}, stopping at {@code stopIds}. */
  public static GenerationSettings greedy(int maxNewTokens, Set<Integer> stopIds) {
    return new GenerationSettings(maxNewTokens, 0, 1, 1, 1, 0, stopIds);
  }

  /** The same settings, also stopping at {@code more} (a model's end-of-reply ids). */
  public GenerationSettings stoppingAt(Set<Integer> more) {
    Set<Integer> all = new java.util.LinkedHashSet<>(stopIds);
    all.addAll(more);
    return new GenerationSettings(maxNewTokens, temperature, topP, beams, lengthPenalty, seed,
        all);
  }

  /** Whether tokens are drawn at random rather than chosen. */
  public boolean sampling() {
    return temperature > 0;
  }
}
