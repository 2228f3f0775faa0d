package org.distill4j.generation.run;

import java.time.Instant;
import java.util.UUID;
import org.distill4j.generation.cost.Projection;
import org.distill4j.teacher.batch.RunnerStats;
import org.distill4j.teacher.price.CostMeter;
import org.distill4j.teacher.price.ModelPrice;

/**
 * This process's lines in a run's {@link RunLedger}: each pass over the run (a resume, or the
 * rebuild after damaged outputs) is an invocation of its own, entered when it starts, checkpointed
 * while it runs and closed with its status. Each line carries what the pass spent so far (when
 * the teacher's price is known; batch answers at the batch price), what its batch jobs answered,
 * and what it was projected to cost when it started.
 */
final class InvocationLedger {
  private final RunLedger ledger;
  private String invocation;
  private Instant started;
  private String runId;
  /** The open pass's counters; null when no pass is open. */
  private RunnerStats stats;
  private CostMeter meter;
  private Projection projected;
  /** The open pass's batch counts; null when it uses no batch API. */
  private BatchTally batch;

  InvocationLedger(RunLedger ledger) {
    this.ledger = ledger;
  }

  /**
   * Enters a pass and starts its checkpoints, which the caller closes with the pass.
   *
   * @param meter what the pass spends; null when the price is unknown
   * @param projected the projection made at the pass's start; null when none was made
   * @param batch the pass's batch counts; null when it uses no batch API
   */
  LedgerCheckpoints open(String runId, RunnerStats stats, CostMeter meter,
      Projection projected, BatchTally batch) {
    this.batch = batch;
    this.invocation = UUID.randomUUID().toString();
    this.started = Instant.now();
    this.runId = runId;
    this.stats = stats;
    this.meter = meter;
    this.projected = projected;
    ledger.append(entry("running"));
    return new LedgerCheckpoints(ledger, this::entry);
  }

  /** Writes the open pass's last line with {@code status}; nothing when no pass is open. */
  void close(String status) {
    if (stats != null) {
      ledger.append(entry(status));
      stats = null;
    }
  }

  /** Every invocation's spend so far, this one's included; costs at {@code price} if unknown. */
  RunLedger.Totals totals(ModelPrice price) {
    return ledger.totals(price);
  }

  private RunLedger.Entry entry(String status) {
    RunnerStats.Snapshot s = stats.snapshot();
    long fresh = s.answered() - s.cacheHits();
    BatchTally b = batch;
    return new RunLedger.Entry(invocation, runId, status, started, Instant.now(),
        s.requestsSent(), s.retries(), s.cacheHits(), s.inputTokens(), s.outputTokens(),
        Math.max(0, fresh - s.unknownUsage()), s.unknownUsage(),
        meter == null ? null : meter.spent(), meter == null ? null : meter.price().currency(),
        projected, b == null ? null : b.answered.get(), b == null ? null : b.tokensIn.get(),
        b == null ? null : b.tokensOut.get(), b == null ? null : b.failed.get(),
        b == null || meter == null ? null : meter.batchSpent());
  }
}
