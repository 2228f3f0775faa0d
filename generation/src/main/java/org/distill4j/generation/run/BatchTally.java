package org.distill4j.generation.run;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the batch jobs of one pass did: submitted, answered (billed at the batch price), left
 * unanswered (sent on to the synchronous pass), and the tokens of the answers, which the
 * synchronous pass then finds in the cache and does not count again.
 */
final class BatchTally {
  /** Jobs created in this pass. */
  final AtomicLong jobs = new AtomicLong();
  /** Requests in those jobs. */
  final AtomicLong submitted = new AtomicLong();
  /** Requests a job answered, stored in the cache by this pass. */
  final AtomicLong answered = new AtomicLong();
  /** Requests a job ended without answering (errored, expired, canceled, unreadable). */
  final AtomicLong failed = new AtomicLong();
  final AtomicLong tokensIn = new AtomicLong();
  final AtomicLong tokensOut = new AtomicLong();
  /** Answers that reported no usage: their tokens are unknown, not 0. */
  final AtomicLong withoutUsage = new AtomicLong();
  /** Requests not submitted because they did not fit the cost limit's upper bound. */
  final AtomicLong heldBack = new AtomicLong();

  /** The counts now, for the manifest. */
  RunManifest.BatchCalls calls() {
    boolean known = answered.get() > withoutUsage.get() || answered.get() == 0;
    return new RunManifest.BatchCalls(jobs.get(), submitted.get(), answered.get(), failed.get(),
        known ? tokensIn.get() : null, known ? tokensOut.get() : null, withoutUsage.get(),
        heldBack.get());
  }
}
