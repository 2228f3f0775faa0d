package org.distill4j.teacher.batch;

import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherRequest;

/**
 * Shared requests-per-minute and tokens-per-minute budgets for one teacher. Every attempt
 * (retries included) passes through {@link #acquire}; token use is estimated up front (prompt
 * characters / 4 plus the reply limit) and corrected with the server's reported usage.
 */
public final class RateLimiter {
  /** Assumed reply size when a request sets no max_tokens. */
  static final int DEFAULT_REPLY_TOKENS = 512;

  private final TokenBucket requests;
  private final TokenBucket tokens;

  /**
   * @param requestsPerMinute 0 or less for no request limit
   * @param tokensPerMinute 0 or less for no token limit
   */
  public RateLimiter(double requestsPerMinute, double tokensPerMinute) {
    long now = System.nanoTime();
    // One second of burst: a run starting cold does not fire a minute's budget at once.
    this.requests = requestsPerMinute > 0 ? new TokenBucket(requestsPerMinute, 1, now) : null;
    this.tokens = tokensPerMinute > 0 ? new TokenBucket(tokensPerMinute, 1, now) : null;
  }

  /** No limits. */
  public static RateLimiter unlimited() {
    return new RateLimiter(0, 0);
  }

  /** Blocks until the request may be sent; returns the tokens reserved for it. */
  public int acquire(TeacherRequest request) throws InterruptedException {
    int estimate = estimateTokens(request);
    long now = System.nanoTime();
    long wait = 0;
    if (requests != null) {
      wait = Math.max(wait, requests.reserve(1, now));
    }
    if (tokens != null) {
      wait = Math.max(wait, tokens.reserve(estimate, now));
    }
    if (wait > 0) {
      java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
    }
    return estimate;
  }

  /** Corrects the token budget once the server reports what the call really used. */
  public void settle(int reserved, Integer inputTokens, Integer outputTokens) {
    if (tokens == null || inputTokens == null || outputTokens == null) {
      return;
    }
    tokens.adjust(reserved - (inputTokens + outputTokens), System.nanoTime());
  }

  static int estimateTokens(TeacherRequest request) {
    long chars = 0;
    for (ChatTurn t : request.messages()) {
      chars += t.text().length();
    }
    Integer max = request.sampling().maxTokens();
    return (int) Math.min(Integer.MAX_VALUE, chars / 4 + (max == null ? DEFAULT_REPLY_TOKENS : max));
  }
}
