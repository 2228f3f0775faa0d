/**
 * A filter chain as a Spark job: per-record stages in each partition, the dedup stages as
 * shuffles, in chain order.
 */
package org.distill4j.spark.filter;
