package org.distill4j.teacher.batch;

/**
 * How hard the runner may push a teacher.
 *
 * @param concurrency requests in flight at most, at least 1
 * @param requestsPerMinute 0 for no limit
 * @param tokensPerMinute 0 for no limit
 * @param retry when and how to retry
 */
public record RunnerSettings(
    int concurrency, double requestsPerMinute, double tokensPerMinute, RetryPolicy retry) {
  public RunnerSettings {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, found " + concurrency);
    }
    retry = retry == null ? RetryPolicy.defaults() : retry;
  }

  /** {@code concurrency} in flight, no rate limits, default retries. */
  public static RunnerSettings of(int concurrency) {
    return new RunnerSettings(concurrency, 0, 0, RetryPolicy.defaults());
  }
}
