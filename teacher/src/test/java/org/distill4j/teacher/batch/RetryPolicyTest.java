package org.distill4j.teacher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.distill4j.teacher.RetryAfterHttpException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10));

  @Test
  void classifiesTheCauseChain() {
    assertThat(RetryPolicy.classify(new RateLimitException(new RetryAfterHttpException(429, "", null))))
        .isEqualTo(FailureKind.RATE_LIMITED);
    assertThat(RetryPolicy.classify(new RuntimeException(new RetryAfterHttpException(503, "", null))))
        .isEqualTo(FailureKind.SERVER_ERROR);
    assertThat(RetryPolicy.classify(new InvalidRequestException("bad"))).isEqualTo(FailureKind.CLIENT_ERROR);
    assertThat(RetryPolicy.classify(new TimeoutException("slow"))).isEqualTo(FailureKind.TIMEOUT);
    assertThat(RetryPolicy.classify(new UncheckedIOException(new IOException("Connection reset"))))
        .isEqualTo(FailureKind.CONNECTION);
    assertThat(RetryPolicy.classify(new IllegalStateException("?"))).isEqualTo(FailureKind.OTHER);
  }

  @Test
  void aRefusedKeyIsAuthWhicheverClassCarriesIt() {
    assertThat(RetryPolicy.classify(new dev.langchain4j.exception.AuthenticationException("no")))
        .isEqualTo(FailureKind.AUTH);
    // A 403 wrapped as an invalid request: the status decides, not the wrapper.
    assertThat(RetryPolicy.classify(new InvalidRequestException(
        new RetryAfterHttpException(403, "forbidden", null)))).isEqualTo(FailureKind.AUTH);
    assertThat(RetryPolicy.classify(new RuntimeException(new RetryAfterHttpException(401, "", null))))
        .isEqualTo(FailureKind.AUTH);
    assertThat(FailureKind.AUTH.retriable()).isFalse();
    assertThat(RetryPolicy.classify(new RuntimeException(new RetryAfterHttpException(404, "", null))))
        .isEqualTo(FailureKind.CLIENT_ERROR);
  }

  @RepeatedTest(20)
  void backoffGrowsWithJitterAndIsCapped() {
    RuntimeException e = new RuntimeException(new RetryAfterHttpException(500, "", null));
    long first = policy.delayAfter(e, 1).orElseThrow().toMillis();
    long third = policy.delayAfter(e, 3).orElseThrow().toMillis();
    assertThat(first).isBetween(50L, 100L);
    assertThat(third).isBetween(200L, 400L);
    assertThat(policy.delayAfter(e, 4)).isEmpty();
    RetryPolicy capped = new RetryPolicy(20, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10));
    assertThat(capped.delayAfter(e, 15).orElseThrow().toMillis()).isBetween(500L, 1000L);
  }

  @Test
  void retryAfterWinsAndIsCapped() {
    assertThat(policy.delayAfter(new RateLimitException(
        new RetryAfterHttpException(429, "", Duration.ofSeconds(3))), 1)).contains(Duration.ofSeconds(3));
    assertThat(policy.delayAfter(new RateLimitException(
        new RetryAfterHttpException(429, "", Duration.ofSeconds(99))), 1)).contains(Duration.ofSeconds(10));
    assertThat(policy.delayAfter(new InvalidRequestException("no"), 1)).isEmpty();
  }

  @Test
  void parsesRetryAfterSecondsAndDates() {
    ZonedDateTime now = ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThat(RetryAfterHttpException.parseRetryAfter("2", now)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RetryAfterHttpException.parseRetryAfter("1.5", now)).isEqualTo(Duration.ofMillis(1500));
    assertThat(RetryAfterHttpException.parseRetryAfter("Thu, 01 Jan 2026 00:00:07 GMT", now))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(RetryAfterHttpException.parseRetryAfter("soon", now)).isNull();
    assertThat(RetryAfterHttpException.parseRetryAfter(null, now)).isNull();
  }

  @Test
  void tokenBucketMakesCallersWaitOutTheirDebt() {
    TokenBucket b = new TokenBucket(600, 1, 0); // 10 per second, burst 10
    for (int i = 0; i < 10; i++) {
      assertThat(b.reserve(1, 0)).isZero();
    }
    assertThat(b.reserve(1, 0)).isEqualTo(100_000_000L);
    assertThat(b.reserve(1, 0)).isEqualTo(200_000_000L);
    assertThat(b.reserve(1, 1_000_000_000L)).isZero();
  }
}
