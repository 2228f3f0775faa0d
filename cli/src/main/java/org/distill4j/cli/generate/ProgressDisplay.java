package org.distill4j.cli.generate;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarStyle;
import org.distill4j.core.io.InputException;
import org.distill4j.generation.run.Progress;
import org.distill4j.generation.run.ProgressListener;

/**
 * Shows a run's progress: a progress bar on a terminal (done/total, rate, ETA, tokens, errors),
 * a plain line every few seconds when output goes to a file or pipe.
 */
public abstract class ProgressDisplay implements ProgressListener, AutoCloseable {

  /**
   * The display for a {@code --progress} mode: auto (a bar when a console is attached, else
   * lines), bar, lines or none; lines go to {@code err}.
   */
  public static ProgressDisplay choose(String mode, PrintWriter err) {
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "auto" -> System.console() != null ? new Bar() : new Lines(err, 5_000);
      case "bar" -> new Bar();
      case "lines" -> new Lines(err, 5_000);
      case "none" -> new Lines(err, Long.MAX_VALUE);
      default -> throw new InputException(
          "--progress must be auto, bar, lines or none, found \"" + mode + "\"");
    };
  }

  static String summary(Progress p) {
    return String.format(Locale.ROOT, "sent %d, cached %d, failed %d, tokens %s/%s",
        p.requestsSent(), p.cacheHits(), p.failedRequests(), compact(p.inputTokens()),
        compact(p.outputTokens()));
  }

  static String compact(long n) {
    if (n >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1fM", n / 1e6);
    }
    if (n >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", n / 1e3);
    }
    return Long.toString(n);
  }

  @Override
  public abstract void close();

  /** The terminal bar. */
  static final class Bar extends ProgressDisplay {
    private ProgressBar bar;

    @Override
    public synchronized void update(Progress p) {
      if (bar == null) {
        bar = ProgressBar.builder().setTaskName("generate").setStyle(ProgressBarStyle.ASCII)
            .setInitialMax(Math.max(1, p.totalRequests())).setUpdateIntervalMillis(250)
            .showSpeed().setUnit(" req", 1).build();
      }
      bar.stepTo(p.doneRequests());
      bar.setExtraMessage(p.batch() != null ? p.batch().toString() : summary(p));
    }

    @Override
    public synchronized void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** One line every {@code everyMillis}, and a last one at the end. */
  static final class Lines extends ProgressDisplay {
    private final PrintWriter err;
    private final long everyMillis;
    private long lastPrinted = -1;
    private Progress last;
    /** The last batch line printed per job, so a job is shown when it changes. */
    private final java.util.Map<Integer, String> batchLines = new java.util.HashMap<>();

    Lines(PrintWriter err, long everyMillis) {
      this.err = err;
      this.everyMillis = everyMillis;
    }

    @Override
    public synchronized void update(Progress p) {
      if (p.batch() != null) {
        String line = p.batch().toString();
        if (everyMillis != Long.MAX_VALUE && !line.equals(batchLines.put(p.batch().job(), line))) {
          err.println("generate: " + line);
          err.flush();
        }
        return;
      }
      last = p;
      if (everyMillis != Long.MAX_VALUE
          && (lastPrinted < 0 || p.elapsedMillis() - lastPrinted >= everyMillis)) {
        print(p);
      }
    }

    private void print(Progress p) {
      lastPrinted = p.elapsedMillis();
      String total = p.totalRequests() < 0 ? "?" : Long.toString(p.totalRequests());
      double rate = p.requestsPerSecond();
      String eta = rate > 0 && p.totalRequests() > 0
          ? String.format(Locale.ROOT, ", ETA %ds",
              Math.round((p.totalRequests() - p.doneRequests()) / rate))
          : "";
      err.printf(Locale.ROOT, "generate: %d/%s requests, %.1f req/s%s; %s%n", p.doneRequests(),
          total, rate, eta, summary(p));
      err.flush();
    }

    @Override
    public synchronized void close() {
      if (last != null && everyMillis != Long.MAX_VALUE && last.elapsedMillis() != lastPrinted) {
        print(last);
      }
    }
  }
}
