package org.distill4j.teacher;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.distill4j.core.corpus.Sampling;

/**
 * Sampling as written in YAML (snake_case), in recipes and judge rubrics alike; any field left
 * out is the server's default. {@code logprobs: K} asks for the top K log-probabilities of every
 * output token (OpenAI-compatible teachers only).
 */
public record SamplingSpec(
    Integer n,
    Double temperature,
    @JsonProperty("top_p") Double topP,
    @JsonProperty("max_tokens") Integer maxTokens,
    Long seed,
    Integer logprobs) {

  /** Sampling as written before log-probabilities could be asked for. */
  public SamplingSpec(Integer n, Double temperature, Double topP, Integer maxTokens, Long seed) {
    this(n, temperature, topP, maxTokens, seed, null);
  }

  /** Nothing set: every value is the server's default. */
  public static SamplingSpec unset() {
    return new SamplingSpec(null, null, null, null, null, null);
  }

  public Sampling toSampling() {
    return new Sampling(n, temperature, topP, maxTokens, seed, logprobs);
  }
}
