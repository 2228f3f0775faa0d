package org.distill4j.neural.tune;

/** Progress of a fine-tuning run, for a progress bar or log lines. */
public interface TuneListener {
  /** After each optimiser step: 1-based step, total steps, the step's mean loss. */
  default void step(int step, int total, double loss) {}

  /** After each epoch; {@code best} says whether its dev score is the best so far. */
  default void epoch(EpochReport report, boolean best) {}

  /** When a run picks up from a checkpoint written by a killed or earlier run. */
  default void resumed(int epochsDone) {}

  /** A listener that says nothing. */
  static TuneListener silent() {
    return new TuneListener() {};
  }
}
