package org.distill4j.spark.generate;

import java.io.Serializable;
import org.distill4j.generation.run.RunManifest;

/**
 * Called on the executor after a partition's run and before its outcome goes back to the
 * driver. The job's own runs pass {@link #NONE}; the fault tests fail a task here on purpose,
 * after its replies are cached, to prove that Spark's retry of the task re-sends nothing.
 */
@FunctionalInterface
public interface PartitionHook extends Serializable {
  /** Does nothing. */
  PartitionHook NONE = (partition, attempt, manifest) -> { };

  /**
   * @param partition the partition's index
   * @param attempt the task's attempt number, 0 for the first
   * @param manifest the partition run's manifest
   */
  void afterRun(int partition, int attempt, RunManifest manifest);
}
