/**
 * Filtering benchmarks and evaluations on real data: dedup throughput, semantic dedup against
 * the embedding model's own throughput, the classifier critic cross-validated on human
 * acceptability labels, and answer extraction on PaLM rationales.
 */
package org.distill4j.bench.filtering;
