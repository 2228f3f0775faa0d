package org.distill4j.generation.run;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Writes an invocation's ledger entry every second on a timer of its own, and once more when the
 * process is stopped (Ctrl-C, SIGTERM). A timer rather than progress events: a run waiting on a
 * slow teacher finishes nothing for minutes, yet its requests are already sent and paid for. A
 * {@code kill -9} runs no hook, so it loses at most the last second.
 */
final class LedgerCheckpoints implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private final Thread onExit;
  /** Written only by the timer thread. */
  private RunLedger.Entry last;

  LedgerCheckpoints(RunLedger ledger, Function<String, RunLedger.Entry> entry) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "distill4j-ledger");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      RunLedger.Entry e = entry.apply("running");
      // A run waiting on its teacher adds no line per second, only lines that say something new.
      if (!sameCounts(e, last)) {
        ledger.append(e);
        last = e;
      }
    }, 1, 1, TimeUnit.SECONDS);
    this.onExit = new Thread(() -> ledger.append(entry.apply("stopped")),
        "distill4j-ledger-on-exit");
    Runtime.getRuntime().addShutdownHook(onExit);
  }

  private static boolean sameCounts(RunLedger.Entry a, RunLedger.Entry b) {
    return b != null && a.requestsSent() == b.requestsSent() && a.retries() == b.retries()
        && a.cacheHits() == b.cacheHits() && a.inputTokens() == b.inputTokens()
        && a.outputTokens() == b.outputTokens() && a.repliesWithUsage() == b.repliesWithUsage()
        && a.repliesWithoutUsage() == b.repliesWithoutUsage()
        && java.util.Objects.equals(a.cost(), b.cost())
        && java.util.Objects.equals(a.batchRequests(), b.batchRequests())
        && java.util.Objects.equals(a.batchFailed(), b.batchFailed());
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it writes the entry itself.
    }
  }
}
