/**
 * Benchmarks of the Spark jobs against the local runs of the same stages, in the same process or
 * the same script, with the local side as the baseline. Compiled in CI, run on demand (see
 * BENCHMARKS.md, "Spark").
 */
package org.distill4j.bench.spark;
