package org.distill4j.filtering.stage;

/**
 * One named step of a chain: a streaming {@link Critic} or a whole-corpus {@link CorpusCritic}.
 * The name appears in verdicts, score keys and the funnel.
 */
public sealed interface Stage {

  /** The stage name, unique within a chain. */
  String name();

  /** The configured type (e.g. {@code near-dedup}), for the funnel. */
  String type();

  /** A streaming stage. */
  record Streaming(String name, String type, Critic critic) implements Stage {}

  /** A stage that sees the whole corpus before judging. */
  record WholeCorpus(String name, String type, CorpusCritic critic) implements Stage {}
}
