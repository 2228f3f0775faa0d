/** Knowledge-base benchmarks: ingest against Jena's bulk loader, look-up and search latency. */
package org.distill4j.bench.kb;
