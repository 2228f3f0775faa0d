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
 * @param batch the batch job this report is about, while the batch phase runs; else null
 * @param requestsPerSecond requests finished per second in the request-by-request pass so far
 *     (the time a batch phase waited for its jobs, and the requests it answered, are not in it,
 *     so an ETA from it is the pass's own)
 */
public record Progress(
    long doneRequests,
    long totalRequests,
    long requestsSent,
    long cacheHits,
    long failedRequests,
    long inputTokens,
    long outputTokens,
    long elapsedMillis,
    Batch batch,
    double requestsPerSecond) {

  /** A report whose rate is over the whole run so far. */
  public Progress(long doneRequests, long totalRequests, long requestsSent, long cacheHits,
      long failedRequests, long inputTokens, long outputTokens, long elapsedMillis, Batch batch) {
    this(doneRequests, totalRequests, requestsSent, cacheHits, failedRequests, inputTokens,
        outputTokens, elapsedMillis, batch,
        elapsedMillis == 0 ? 0 : doneRequests * 1000.0 / elapsedMillis);
  }

  /** A report of the synchronous pass (no batch job), its rate over the whole run so far. */
  public Progress(long doneRequests, long totalRequests, long requestsSent, long cacheHits,
      long failedRequests, long inputTokens, long outputTokens, long elapsedMillis) {
    this(doneRequests, totalRequests, requestsSent, cacheHits, failedRequests, inputTokens,
        outputTokens, elapsedMillis, null);
  }

  /**
   * One batch job at its last poll ({@code --batch}).
   *
   * @param job which job, from 1
   * @param jobs jobs of the run; 0 while they are still being submitted (not yet known)
   * @param status the provider's word for its state ({@code in_progress}, {@code completed} ...)
   * @param done requests it answered so far
   * @param total requests in it
   * @param failed requests it ended without an answer so far
   */
  public record Batch(int job, int jobs, String status, long done, long total, long failed) {
    /** E.g. {@code batch 1/3 in_progress 1200/5000 done, 3 failed}. */
    @Override
    public String toString() {
      return "batch " + job + "/" + (jobs > 0 ? Integer.toString(jobs) : "?") + " " + status + " " + done + "/" + total + " done, "
          + failed + " failed";
    }
  }

}
