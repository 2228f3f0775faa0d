/**
 * Exact and near dedup of a corpus as Spark shuffles, keeping the records a local filter run
 * with the same chain keeps; {@code SparkDedup} runs a dedup-only chain.
 */
package org.distill4j.spark.dedup;
