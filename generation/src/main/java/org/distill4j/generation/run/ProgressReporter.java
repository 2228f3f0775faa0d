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

  ProgressReporter(ProgressListener listener, long startNanos, long totalRequests) {
    this.listener = listener;
    this.startNanos = startNanos;
    this.totalRequests = totalRequests;
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
    listener.update(new Progress(tally.requests.get(), totalRequests,
        s == null ? 0 : s.requestsSent(), s == null ? 0 : s.cacheHits(), tally.failed.get(),
        s == null ? 0 : s.inputTokens(), s == null ? 0 : s.outputTokens(),
        (now - startNanos) / 1_000_000));
  }
}
