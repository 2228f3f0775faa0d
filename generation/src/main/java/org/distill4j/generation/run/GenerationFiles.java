package org.distill4j.generation.run;

import java.util.List;

/**
 * The names of what a generation run writes in its folder. Front ends and later stages use these
 * instead of retyping the names, so a rename cannot leave one of them reading a file that is no
 * longer written.
 */
public final class GenerationFiles {
  /** The records, with provenance. */
  public static final String GENERATED = "generated.jsonl";
  /** Every seed, request or reply fragment that gave no record, with the reason. */
  public static final String FAILURES = "failures.jsonl";
  /** Settings without secrets, counts, traffic, time. */
  public static final String MANIFEST = "manifest.json";
  /** The prompt groups written so far, for resume. */
  public static final String COMPLETED = "completed.txt";
  /** What every invocation sent and spent. */
  public static final String LEDGER = "ledger.jsonl";
  /**
   * The teacher's top-k log-probabilities, one line per reply keyed by request hash, written only
   * when the recipe's sampling asks for them (see {@code LogprobsLine}).
   */
  public static final String LOGPROBS = org.distill4j.core.logprob.LogprobsFile.NAME;
  /**
   * The run's batch jobs ({@code --batch}): ids and states, written before they are polled, so
   * a stopped run picks the same jobs up.
   */
  public static final String BATCHES = "batches.json";
  /** The batch jobs' entry files, kept until every job is collected. */
  public static final String BATCH_DIR = "batches";
  /** The reply cache, when no other folder is given. */
  public static final String CACHE = "cache";
  /** Where the outputs of an earlier, different run are moved. */
  public static final String PREVIOUS = "previous";

  /** The files a run leaves beside its records, the manifest included. */
  public static final List<String> SIDE_FILES = List.of(FAILURES, MANIFEST, COMPLETED, LEDGER);

  private GenerationFiles() {}
}
