/**
 * Generation benchmarks: throughput against a fixed-latency local teacher, the runner's cost
 * against a bare LangChain4j loop, bounded memory on 100,000 seeds, and reruns served from the
 * reply cache. See the Generation section of BENCHMARKS.md for commands and numbers.
 */
package org.distill4j.bench.generation;
