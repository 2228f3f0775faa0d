/**
 * A filter chain as a Spark job, in chain order: per-record stages in each partition, the dedup
 * stages and the grouped whole-corpus stages as shuffles, semantic dedup as embeddings on the
 * executors and its greedy rule on the driver.
 */
package org.distill4j.spark.filter;
