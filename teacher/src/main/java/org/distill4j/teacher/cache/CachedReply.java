package org.distill4j.teacher.cache;

import java.time.Instant;
import org.distill4j.teacher.TeacherReply;

/**
 * A stored reply with the token limit it was asked under.
 *
 * @param reply the reply as received, before any parsing
 * @param maxTokens the {@code max_tokens} of the request that got it; null when unlimited
 * @param storedAt when it was stored
 */
public record CachedReply(TeacherReply reply, Integer maxTokens, Instant storedAt) {

  /**
   * True when the reply stopped at, or maybe at, the limit it was asked under (cut, or the server
   * did not say why it stopped): it answers only a request with the very same limit.
   */
  public boolean limitBound() {
    return reply.finish() == TeacherReply.Finish.LENGTH
        || reply.finish() == TeacherReply.Finish.UNKNOWN;
  }

  /**
   * True when this reply answers a request asking for {@code requestedMax} tokens: always under
   * the same limit; under another limit only when the reply ended by itself (not cut at the
   * limit) and would fit the new one. So raising max_tokens re-sends only the cut replies.
   */
  public boolean servesLimit(Integer requestedMax) {
    if (java.util.Objects.equals(maxTokens, requestedMax)) {
      return true;
    }
    if (limitBound()) {
      return false;
    }
    if (requestedMax == null) {
      return true;
    }
    if (maxTokens != null && requestedMax >= maxTokens) {
      return true;
    }
    return reply.outputTokens() != null && reply.outputTokens() <= requestedMax;
  }
}
