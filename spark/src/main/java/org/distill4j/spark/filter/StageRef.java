package org.distill4j.spark.filter;

import java.io.Serializable;
import java.nio.file.Path;
import org.distill4j.filtering.chain.ChainConfig;

/**
 * How an executor finds its stage: critics hold models, caches and graphs and cannot travel, so
 * each task reads the chain file (on a file system every executor mounts at the same path) and
 * builds the chain itself, then takes stage {@code index}.
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

  /** Builds {@code config}'s stages, with paths relative to the chain file; close it after. */
  ChainConfig.Chain build(ChainConfig config) {
    return config.stages(Path.of(chainFile).getParent());
  }
}
