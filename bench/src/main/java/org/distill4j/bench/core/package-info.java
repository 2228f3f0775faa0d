/** Benchmarks of core's readers and writers (JSON Lines). See BENCHMARKS.md for the commands. */
package org.distill4j.bench.core;
