package org.distill4j.filtering.stage;

import org.distill4j.core.corpus.CorpusRecord;

/**
 * A {@link CorpusCritic} whose state is per group: records of different groups never change each
 * other's verdict (self-consistency groups the samples of one question, contradictions the
 * comparatives of one adjective). Such a stage can run group by group, on any split of the corpus
 * that keeps each group whole (a Spark shuffle by group), and give the verdicts it gives when it
 * observes the whole corpus at once, provided each group's records are observed in input order.
 */
public interface GroupedCorpusCritic extends CorpusCritic {

  /**
   * The record's group; null when its verdict depends on the record alone and it changes no
   * other record's verdict (a kind the critic does not judge, which passes untouched).
   */
  String group(CorpusRecord r);
}
