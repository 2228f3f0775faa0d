package org.distill4j.generation.run;

/** Receives progress reports; called from worker threads, at most a few times per second. */
@FunctionalInterface
public interface ProgressListener {

  void update(Progress progress);

  /** Ignores every report. */
  static ProgressListener none() {
    return p -> { };
  }
}
