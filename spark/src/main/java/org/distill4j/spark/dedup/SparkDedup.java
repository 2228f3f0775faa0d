package org.distill4j.spark.dedup;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterSpec;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.spark.filter.SparkFilter;

/**
 * {@code dedup}: a chain of {@code exact-dedup} and {@code near-dedup} stages only, run by the
 * Spark filter job; a chain with any other stage is refused, naming it, so that a dedup run
 * never judges records by anything else by mistake. See {@link DedupShuffles} for how each
 * stage keeps the local rule.
 */
public final class SparkDedup {
  private final SparkSession spark;

  /** A job on this session. */
  public SparkDedup(SparkSession spark) {
    this.spark = spark;
  }

  /** Runs the chain's dedup stages over {@code in}, writing into {@code outDir}. */
  public Funnel run(Path chainFile, Path in, Path outDir) {
    for (FilterSpec f : ChainConfig.read(chainFile).filters()) {
      if (!(f instanceof FilterSpec.ExactDedup) && !(f instanceof FilterSpec.NearDedup)) {
        throw new InputException(null, chainFile + ": spark dedup runs exact-dedup and"
            + " near-dedup stages only; found \"" + FilterSpec.typeOf(f) + "\"");
      }
    }
    return new SparkFilter(spark).run(chainFile, in, outDir);
  }
}
