package org.distill4j.generation.run;

/**
 * A progress report during a run.
 *
 * @param doneRequests expanded requests that reached their outcome (including resumed ones)
 * @param totalRequests requests expected in all, or -1 while unknown
 * @param requestsSent HTTP requests sent (retries included)
 * @param cacheHits requests answered from the cache
 * @param failedRequests requests that ended as failures
 * @param inputTokens prompt tokens reported by the teacher
 * @param outputTokens completion tokens reported
 * @param elapsedMillis time since the run started
 */
public record Progress(
    long doneRequests,
    long totalRequests,
    long requestsSent,
    long cacheHits,
    long failedRequests,
    long inputTokens,
    long outputTokens,
    long elapsedMillis) {

  /** Requests finished per second so far. */
  public double requestsPerSecond() {
    return elapsedMillis == 0 ? 0 : doneRequests * 1000.0 / elapsedMillis;
  }
}
