package org.distill4j.generation.run;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Parses replies and writes groups: one thread per core, however many requests are in flight.
 * Closing waits for the work already handed over, so every group still being written finishes
 * before the files close.
 */
final class ProcessingPool implements AutoCloseable {
  private final ExecutorService pool;

  ProcessingPool() {
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
        r -> {
          Thread t = new Thread(r, "distill4j-parse-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  Executor executor() {
    return pool;
  }

  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
