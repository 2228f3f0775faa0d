package org.distill4j.pipeline;

/** Hears what a pipeline run does, for the command line's messages. */
public interface PipelineListener {

  /** A stage starts. */
  void started(String stage);

  /** A stage was skipped because it already finished with the same inputs. */
  void skipped(String stage);

  /** A stage finished. */
  void finished(String stage, double seconds);

  /** Says nothing. */
  static PipelineListener silent() {
    return new PipelineListener() {
      @Override
      public void started(String stage) {}

      @Override
      public void skipped(String stage) {}

      @Override
      public void finished(String stage, double seconds) {}
    };
  }
}
