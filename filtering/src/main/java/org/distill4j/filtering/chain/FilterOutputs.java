package org.distill4j.filtering.chain;

import java.util.List;

/**
 * The files a filter run writes into its output folder; every front end (the {@code filter}
 * command, the pipeline's filter stage, reports) names them through these constants.
 */
public final class FilterOutputs {
  /** Records every stage kept, with each stage's verdict and scores. */
  public static final String KEPT = "kept.jsonl";
  /** Each rejected record with the stage and the reason that rejected it. */
  public static final String REJECTED = "rejected.jsonl";
  /** Input lines that are not valid records, with file:line and the problem. */
  public static final String INVALID = "invalid.jsonl";
  /** Records in and out of each stage, per kind and per relation. */
  public static final String FUNNEL = "funnel.json";
  /** Distinct-1/2 and unique ratio of the kept records, per relation. */
  public static final String DIVERSITY = "diversity.json";

  /** Every output, in the order they are swapped in: kept records last. */
  public static final List<String> ALL = List.of(DIVERSITY, INVALID, REJECTED, FUNNEL, KEPT);

  private FilterOutputs() {}
}
