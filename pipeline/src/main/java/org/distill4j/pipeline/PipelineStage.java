package org.distill4j.pipeline;

/**
 * One stage of a pipeline run. A stage must be safe to run again after a crash: it either
 * resumes (generation replays its reply cache) or rewrites its outputs from its inputs.
 */
public interface PipelineStage {

  /** The stage's name in the state file and in messages: generate, filter, kb, train. */
  String name();

  /**
   * What the stage's output depends on besides upstream stages: its settings and the content of
   * files it reads that no earlier stage writes (recipe, seeds, filter chain, student config).
   */
  String fingerprint();

  /** Runs the stage to completion, or throws. */
  void run();
}
