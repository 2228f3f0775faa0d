package org.distill4j.core.logprob;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One line of a run's {@code logprobs.jsonl}: the log-probabilities of one teacher reply, keyed
 * by the reply-cache key of its request, which every record parsed from that reply carries as
 * {@code provenance.requestHash}. One line per reply, not per record, because a reply can hold
 * several records and they share its tokens.
 *
 * <pre>
 * {"request":"3f2a…","k":5,"positions":212,"data":"7VjLbt…"}
 * </pre>
 *
 * @param request the request hash (64 hex characters)
 * @param k how many alternatives per position were asked for
 * @param positions how many output tokens the reply had
 * @param data the {@link CompactLogprobs} string
 */
public record LogprobsLine(String request, int k, int positions, String data) {
  public LogprobsLine {
    if (request == null || request.isBlank()) {
      throw new IllegalArgumentException("field \"request\" is missing");
    }
    if (data == null || data.isEmpty()) {
      throw new IllegalArgumentException("field \"data\" is missing");
    }
  }

  /** The line of {@code logprobs}, the reply to the request with hash {@code request}. */
  public static LogprobsLine of(String request, TokenLogprobs logprobs) {
    return new LogprobsLine(request, logprobs.k(), logprobs.positions(),
        CompactLogprobs.encode(logprobs));
  }

  /** The key under which a run's resume knows the line is written. */
  @JsonIgnore
  public String key() {
    return "logprobs:" + request;
  }

  /**
   * The decoded log-probabilities.
   *
   * @throws IllegalArgumentException when {@code data} is damaged or disagrees with the header
   */
  public TokenLogprobs logprobs() {
    TokenLogprobs decoded = CompactLogprobs.decode(data);
    if (decoded.k() != k || decoded.positions() != positions) {
      throw new IllegalArgumentException("field \"data\" holds k=" + decoded.k() + " and "
          + decoded.positions() + " positions, but the line says k=" + k + " and " + positions);
    }
    return decoded;
  }
}
