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
 * @param logprobs how many top log-probabilities to ask for per output token, 1 to {@value
 *     #MAX_LOGPROBS}; null (or 0, which is stored as null) asks for none, so requests without
 *     them keep the cache keys and provenance they always had
 */
public record Sampling(
    Integer n, Double temperature, Double topP, Integer maxTokens, Long seed, Integer logprobs) {
  /** The most alternatives per token the OpenAI API returns ({@code top_logprobs} at most 20). */
  public static final int MAX_LOGPROBS = 20;

  /** Sampling without log-probabilities. */
  public Sampling(Integer n, Double temperature, Double topP, Integer maxTokens, Long seed) {
    this(n, temperature, topP, maxTokens, seed, null);
  }

  public Sampling {
    if (logprobs != null && (logprobs < 0 || logprobs > MAX_LOGPROBS)) {
      throw new IllegalArgumentException("field \"logprobs\" must be between 0 (off) and "
          + MAX_LOGPROBS + ", found " + logprobs);
    }
    logprobs = logprobs != null && logprobs == 0 ? null : logprobs;
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
    return new Sampling(null, null, null, null, null, null);
  }

  /** True when the teacher is asked for top log-probabilities. */
  public boolean wantsLogprobs() {
    return logprobs != null;
  }
}
