package org.distill4j.teacher.batch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live counters of a runner: what was sent, retried, served from the cache, and the tokens the
 * server reported. Tokens of replies without a usage field are not guessed; such replies are
 * counted in {@code unknownUsage} instead.
 */
public final class RunnerStats {
  final AtomicLong attempts = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong cacheHits = new AtomicLong();
  final AtomicLong answered = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  final AtomicLong inputTokens = new AtomicLong();
  final AtomicLong outputTokens = new AtomicLong();
  final AtomicLong unknownUsage = new AtomicLong();
  final AtomicLong inFlight = new AtomicLong();
  final AtomicLong maxInFlight = new AtomicLong();
  private final AtomicLongArray errors = new AtomicLongArray(FailureKind.values().length);

  void error(FailureKind kind) {
    errors.incrementAndGet(kind.ordinal());
  }

  void enter() {
    long now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  void leave() {
    inFlight.decrementAndGet();
  }

  /** A consistent-enough copy for reports and progress lines. */
  public Snapshot snapshot() {
    Map<FailureKind, Long> byKind = new EnumMap<>(FailureKind.class);
    for (FailureKind k : FailureKind.values()) {
      long n = errors.get(k.ordinal());
      if (n > 0) {
        byKind.put(k, n);
      }
    }
    return new Snapshot(attempts.get(), retries.get(), cacheHits.get(), answered.get(),
        failed.get(), inputTokens.get(), outputTokens.get(), unknownUsage.get(),
        maxInFlight.get(), byKind);
  }

  /**
   * Counters at one moment.
   *
   * @param requestsSent HTTP attempts sent to the teacher (first tries and retries)
   * @param retries attempts that were retries
   * @param cacheHits requests answered from the cache without sending anything
   * @param answered requests that ended with a reply (cached or fresh)
   * @param failed requests that ended without one
   * @param inputTokens prompt tokens the server reported
   * @param outputTokens completion tokens the server reported
   * @param unknownUsage fresh replies whose server reported no token usage
   * @param maxInFlight the most requests in flight at once
   * @param errorsByKind every failed attempt, by class
   */
  public record Snapshot(long requestsSent, long retries, long cacheHits, long answered,
      long failed, long inputTokens, long outputTokens, long unknownUsage, long maxInFlight,
      Map<FailureKind, Long> errorsByKind) {}
}
