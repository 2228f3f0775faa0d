package org.distill4j.spark.filter;

import java.io.Serializable;
import java.nio.file.Path;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.stage.Stage;

/**
 * How an executor finds its stage: critics hold models, caches and graphs and cannot travel, so
 * each task reads the chain file (on a file system every executor mounts at the same path) and
 * builds stage {@code index} itself, and that stage only (another stage's classifier or judge is
 * not loaded by this stage's tasks).
 *
 * @param chainFile the chain file's absolute path
 * @param index the stage's position in the chain
 */
record StageRef(String chainFile, int index) implements Serializable {

  static StageRef of(Path chainFile, int index) {
    return new StageRef(chainFile.toAbsolutePath().toString(), index);
  }

  /** The chain file, read and checked. */
  ChainConfig config() {
    return ChainConfig.read(Path.of(chainFile));
  }

  /**
   * Builds the stage from {@code config}, with paths relative to the chain file: a chain of that
   * one stage ({@link #stage}); close it after.
   */
  ChainConfig.Chain build(ChainConfig config) {
    return config.stage(Path.of(chainFile).getParent(), index);
  }

  /** The stage of a chain {@link #build} made. */
  static Stage stage(ChainConfig.Chain built) {
    return built.stages().get(0);
  }
}
