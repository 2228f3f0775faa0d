package org.distill4j.teacher.batch;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.distill4j.teacher.RetryAfterHttpException;

/**
 * When to retry a failed teacher call and how long to wait: exponential backoff with jitter on
 * 429, 5xx, timeouts and broken connections; the server's {@code Retry-After} when it gives one;
 * never on other 4xx.
 *
 * @param maxAttempts attempts per request including the first, at least 1
 * @param baseDelay the wait before the first retry (doubled each time)
 * @param maxDelay the cap on a backoff wait
 * @param maxRetryAfter the cap on a server-requested wait, so a bad header cannot stall a run
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, found " + maxAttempts);
    }
  }

  /** 6 attempts, 0.5 s doubling to at most 30 s, Retry-After honoured up to 5 minutes. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5));
  }

  /** Classifies an error thrown by a teacher. */
  public static FailureKind classify(Throwable error) {
    // The status decides before the exception's class: LangChain4j maps 403 to more than one
    // class depending on the provider, and wraps the HttpException that carries the status.
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof dev.langchain4j.exception.AuthenticationException
          || t instanceof HttpException http && (http.statusCode() == 401
              || http.statusCode() == 403)) {
        return FailureKind.AUTH;
      }
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RateLimitException) {
        return FailureKind.RATE_LIMITED;
      }
      if (t instanceof TimeoutException || t instanceof HttpTimeoutException
          || t instanceof java.util.concurrent.TimeoutException) {
        return FailureKind.TIMEOUT;
      }
      if (t instanceof dev.langchain4j.exception.InvalidRequestException
          || t instanceof dev.langchain4j.exception.AuthenticationException
          || t instanceof dev.langchain4j.exception.ModelNotFoundException) {
        return FailureKind.CLIENT_ERROR;
      }
      if (t instanceof InternalServerException) {
        return FailureKind.SERVER_ERROR;
      }
      if (t instanceof HttpException http) {
        int status = http.statusCode();
        if (status == 429) {
          return FailureKind.RATE_LIMITED;
        }
        if (status == 408) {
          return FailureKind.TIMEOUT;
        }
        if (status >= 500) {
          return FailureKind.SERVER_ERROR;
        }
        return FailureKind.CLIENT_ERROR;
      }
      if (t instanceof com.fasterxml.jackson.core.JsonProcessingException) {
        // A body the client cannot read is the server's bug, not a network blip (Jackson's
        // exception is an IOException, hence this test comes first).
        return FailureKind.OTHER;
      }
      if (t instanceof IOException) {
        return FailureKind.CONNECTION;
      }
    }
    return FailureKind.OTHER;
  }

  /** The server's requested wait, if any exception in the chain carries one. */
  public static Optional<Duration> retryAfter(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof RetryAfterHttpException r && r.retryAfter().isPresent()) {
        return r.retryAfter();
      }
    }
    return Optional.empty();
  }

  /**
   * The wait before attempt {@code attempt + 1} after {@code error} ended attempt {@code attempt}
   * (from 1), or empty when the request should fail now.
   */
  public Optional<Duration> delayAfter(Throwable error, int attempt) {
    FailureKind kind = classify(error);
    if (!kind.retriable() || attempt >= maxAttempts) {
      return Optional.empty();
    }
    Optional<Duration> asked = retryAfter(error);
    if (asked.isPresent()) {
      Duration d = asked.get();
      return Optional.of(d.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : d);
    }
    long cap = maxDelay.toMillis();
    long exp = baseDelay.toMillis() << Math.min(attempt - 1, 20);
    long ceiling = Math.min(cap, exp);
    // "Equal jitter": at least half the backoff, so retries from many workers spread out but
    // never collapse to zero delay.
    long wait = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    return Optional.of(Duration.ofMillis(wait));
  }
}
