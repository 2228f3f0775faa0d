package org.distill4j.core.corpus;

/**
 * The sampling parameters of a teacher request. Absent values mean "the server's default" and are
 * left out of the request and of cache keys.
 *
 * @param n samples per prompt, at least 1
 * @param temperature 0 to 2
 * @param topP above 0, at most 1
 * @param maxTokens at least 1
 * @param seed the sampling seed, passed to servers that honour one
 */
public record Sampling(Integer n, Double temperature, Double topP, Integer maxTokens, Long seed) {
  public Sampling {
    if (n != null && n < 1) {
      throw new IllegalArgumentException("field \"n\" must be at least 1, found " + n);
    }
    if (temperature != null && (temperature < 0 || temperature > 2)) {
      throw new IllegalArgumentException(
          "field \"temperature\" must be between 0 and 2, found " + temperature);
    }
    if (topP != null && (topP <= 0 || topP > 1)) {
      throw new IllegalArgumentException("field \"top_p\" must be in (0, 1], found " + topP);
    }
    if (maxTokens != null && maxTokens < 1) {
      throw new IllegalArgumentException("field \"max_tokens\" must be at least 1, found " + maxTokens);
    }
  }

  /** The number of samples, 1 when unset. */
  public int samples() {
    return n == null ? 1 : n;
  }

  /** No parameters set: the server decides. */
  public static Sampling defaults() {
    return new Sampling(null, null, null, null, null);
  }
}
