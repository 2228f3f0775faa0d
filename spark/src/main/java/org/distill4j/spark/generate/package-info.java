/**
 * Generation on Spark: the seed file split into contiguous partitions, each run by the
 * generation module's own {@code GenerationRun} in a folder of its own, then merged.
 */
package org.distill4j.spark.generate;
