/**
 * Generation runs and their folder: {@link org.distill4j.generation.run.GenerationRun} streams
 * seeds through a recipe and the batch runner into {@code generated.jsonl} (corpus records with
 * provenance) and {@code failures.jsonl} (every seed, request or fragment that gave no record,
 * with its reason and raw text), notes finished prompt groups in {@code completed.txt} for
 * resume, and writes {@code manifest.json} (config with no secrets, counts per outcome, tokens,
 * retries, wall time). A run whose counts do not add up fails.
 */
package org.distill4j.generation.run;
