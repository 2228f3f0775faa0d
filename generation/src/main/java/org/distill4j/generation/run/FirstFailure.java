package org.distill4j.generation.run;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first thing that went wrong off the feeding thread (writing a group, a refused key). The
 * feeding thread checks it between seeds and at the end, so a failure stops the run instead of
 * being lost in a future nobody joins.
 */
final class FirstFailure {
  private final AtomicReference<Throwable> first = new AtomicReference<>();

  /** Keeps {@code t} unless something failed before; true when it was kept. */
  boolean offer(Throwable t) {
    return first.compareAndSet(null, t);
  }

  /** Throws what failed first, if anything did. */
  void rethrow() {
    Throwable t = first.get();
    if (t instanceof TeacherKeyRefusedException refused) {
      throw refused;
    }
    if (t != null) {
      // The futures wrap what went wrong; the user wants the cause, not "CompletionException: …".
      Throwable cause = t instanceof CompletionException && t.getCause() != null
          ? t.getCause() : t;
      throw new IllegalStateException("writing results failed: " + cause.getMessage(), cause);
    }
  }
}
