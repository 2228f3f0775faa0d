package org.distill4j.generation.run;

import java.time.Duration;

/**
 * How a run uses its teacher's batch API ({@code --batch}): before the synchronous pass, every
 * request not yet answered is submitted as batch jobs, which are polled until they end; their
 * answers go into the reply cache, so the synchronous pass finds them there and sends only what
 * the jobs did not answer.
 *
 * @param pollInterval the wait between two rounds of polling the jobs
 * @param maxRequestsPerJob requests per job at most; 0 for the API's own limit (50,000 at
 *     OpenAI, 100,000 at Anthropic)
 * @param maxPollFailures polls in a row that may fail (no connection, 429, 5xx) before the run
 *     gives up; a rerun picks the same jobs up
 */
public record BatchSettings(Duration pollInterval, int maxRequestsPerJob, int maxPollFailures) {
  /** The wait between polls when none is given. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(60);
  /** Failed polls in a row before giving up, when none is given. */
  public static final int DEFAULT_MAX_POLL_FAILURES = 30;

  public BatchSettings {
    if (pollInterval == null || pollInterval.isNegative()) {
      throw new IllegalArgumentException("the poll interval must be 0 or more");
    }
    if (maxRequestsPerJob < 0 || maxPollFailures < 1) {
      throw new IllegalArgumentException("requests per job must be 0 or more and poll failures"
          + " at least 1");
    }
  }

  /** Polls every {@code pollInterval}, jobs as large as the API takes. */
  public static BatchSettings every(Duration pollInterval) {
    return new BatchSettings(pollInterval, 0, DEFAULT_MAX_POLL_FAILURES);
  }

  /** The same, with at most {@code n} requests per job. */
  public BatchSettings withMaxRequestsPerJob(int n) {
    return new BatchSettings(pollInterval, n, maxPollFailures);
  }
}
