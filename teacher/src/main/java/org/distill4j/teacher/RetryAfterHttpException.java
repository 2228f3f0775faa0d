package org.distill4j.teacher;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An HTTP error status that keeps the server's {@code Retry-After} header, which LangChain4j's
 * own exceptions drop. LangChain4j wraps it (e.g. in a {@code RateLimitException}); the retry
 * policy finds it in the cause chain.
 */
public final class RetryAfterHttpException extends HttpException {
  private final transient Duration retryAfter;

  public RetryAfterHttpException(int statusCode, String body, Duration retryAfter) {
    super(statusCode, body);
    this.retryAfter = retryAfter;
  }

  /** The wait the server asked for, if it named one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /**
   * Parses a Retry-After value: delay seconds ({@code 2}, {@code 1.5}) or an HTTP date. Null when
   * absent or unreadable, so a bad header falls back to normal backoff.
   */
  public static Duration parseRetryAfter(String value, ZonedDateTime now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      double seconds = Double.parseDouble(v);
      return seconds < 0 ? null : Duration.ofMillis(Math.round(seconds * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
