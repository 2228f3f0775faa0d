package org.distill4j.filtering.stage;

import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;

/**
 * A streaming filter: judges records batch by batch, in input order. Stateless rule checks
 * judge each record alone; dedup critics keep compact state across batches (hashes and
 * signatures, never the texts), so a record is compared with every earlier kept record.
 *
 * <p>Contract: the returned list has one assessment per input record, in the same order. Records
 * rejected by this critic must not influence later decisions (a rejected record is not a dedup
 * anchor). Implementations need not be thread-safe: the run calls them from one thread.
 */
@FunctionalInterface
public interface Critic {

  /** Judges one batch; never null, same size and order as {@code batch}. */
  List<Assessment> assess(List<CorpusRecord> batch);

  /** A critic that judges each record on its own. */
  static Critic perRecord(java.util.function.Function<CorpusRecord, Assessment> judge) {
    return batch -> batch.stream().map(judge).toList();
  }
}
