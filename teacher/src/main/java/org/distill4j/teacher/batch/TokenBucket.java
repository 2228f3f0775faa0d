package org.distill4j.teacher.batch;

/**
 * A per-minute budget that refills continuously. Callers reserve an amount and are told how long
 * to wait before using it; the budget may go into debt, which later callers wait out in turn, so
 * the long-run rate never exceeds the limit and a large request is not starved.
 */
final class TokenBucket {
  private final double perNano;
  private final double capacity;
  private double available;
  private long last;

  /**
   * @param perMinute the budget per minute, above 0
   * @param burstSeconds how many seconds' worth may be spent at once after idling
   */
  TokenBucket(double perMinute, double burstSeconds, long nowNanos) {
    this.perNano = perMinute / 60e9;
    this.capacity = Math.max(1, perMinute / 60 * burstSeconds);
    this.available = capacity;
    this.last = nowNanos;
  }

  /** Takes {@code amount} and returns the nanoseconds to wait before it may be used. */
  synchronized long reserve(double amount, long nowNanos) {
    refill(nowNanos);
    available -= amount;
    return available >= 0 ? 0 : (long) Math.ceil(-available / perNano);
  }

  /** Gives back (or, when negative, takes more of) the budget once the real cost is known. */
  synchronized void adjust(double amount, long nowNanos) {
    refill(nowNanos);
    available = Math.min(capacity, available + amount);
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - last;
    if (elapsed > 0) {
      available = Math.min(capacity, available + elapsed * perNano);
      last = nowNanos;
    }
  }
}
