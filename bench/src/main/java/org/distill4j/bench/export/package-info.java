/**
 * Export benchmarks: a million records to Parquet against the same records to JSON Lines, in
 * one process.
 */
package org.distill4j.bench.export;
