/**
 * Benchmarks: JMH micro-benchmarks and end-to-end runs, each comparing the project's code with a
 * baseline measured in the same process. Compiled in CI, run on demand (see BENCHMARKS.md).
 */
package org.distill4j.bench;
