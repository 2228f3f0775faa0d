package org.distill4j.cli.filter;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A line on stderr every few seconds while a long scoring run streams records, so a run over tens
 * of thousands of records is never silent for minutes.
 */
final class ScoringProgress {
  private static final long EVERY_NANOS = 5_000_000_000L;
  private final PrintStream out;
  private final long start = System.nanoTime();
  private long last = start;

  ScoringProgress(PrintStream out) {
    this.out = out;
  }

  /** Reports {@code done} records when the last report is a few seconds old. */
  void report(long done) {
    long now = System.nanoTime();
    if (now - last >= EVERY_NANOS) {
      last = now;
      out.printf(Locale.ROOT, "scored %d records (%.0f/s)%n", done,
          done / ((now - start) / 1e9));
    }
  }
}
