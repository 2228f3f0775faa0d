package org.distill4j.generation.run;

import java.util.concurrent.atomic.AtomicLong;
import org.distill4j.teacher.batch.RunnerStats;

/** Tells the listener how far the run is, at most every 200 ms unless forced. */
final class ProgressReporter {
  private static final long REPORT_EVERY_NANOS = 200_000_000L;

  private final ProgressListener listener;
  private final long startNanos;
  private final long totalRequests;
  private final AtomicLong lastReport = new AtomicLong();
  private volatile RunTally tally;
  private volatile RunnerStats stats;
  /** When the request-by-request pass began, and how many requests were done by then. */
  private volatile long passStartNanos;
  private volatile long passStartDone;

  ProgressReporter(ProgressListener listener, long startNanos, long totalRequests) {
    this.listener = listener;
    this.startNanos = startNanos;
    this.totalRequests = totalRequests;
    this.passStartNanos = startNanos;
  }

  /**
   * The request-by-request pass begins: the rate (and any ETA from it) counts from here, so the
   * time a batch phase spent waiting for its jobs does not drag it down.
   */
  void startPass() {
    passStartDone = tally == null ? 0 : tally.requests.get();
    passStartNanos = System.nanoTime();
  }

  /** What the next reports count: this pass's tally and runner. */
  void follow(RunTally tally, RunnerStats stats) {
    this.tally = tally;
    this.stats = stats;
  }

  /** Tells the listener where a batch job stands, at once (polls are seconds apart). */
  void batch(Progress.Batch batch) {
    RunnerStats.Snapshot s = stats == null ? null : stats.snapshot();
    listener.update(new Progress(tally == null ? 0 : tally.requests.get(), totalRequests,
        s == null ? 0 : s.requestsSent(), s == null ? 0 : s.cacheHits(),
        tally == null ? 0 : tally.failed.get(), s == null ? 0 : s.inputTokens(),
        s == null ? 0 : s.outputTokens(), (System.nanoTime() - startNanos) / 1_000_000, batch));
  }

  void report(boolean force) {
    long now = System.nanoTime();
    long last = lastReport.get();
    if (!force && (now - last < REPORT_EVERY_NANOS || !lastReport.compareAndSet(last, now))) {
      return;
    }
    RunnerStats.Snapshot s = stats == null ? null : stats.snapshot();
    long done = tally.requests.get();
    long passNanos = now - passStartNanos;
    double rate = passNanos <= 0 ? 0 : (done - passStartDone) * 1e9 / passNanos;
    listener.update(new Progress(done, totalRequests,
        s == null ? 0 : s.requestsSent(), s == null ? 0 : s.cacheHits(), tally.failed.get(),
        s == null ? 0 : s.inputTokens(), s == null ? 0 : s.outputTokens(),
        (now - startNanos) / 1_000_000, null, rate));
  }
}
