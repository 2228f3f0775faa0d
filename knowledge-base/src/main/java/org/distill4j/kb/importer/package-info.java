/**
 * Importers that turn existing symbolic knowledge into corpus records: ATOMIC 2019 CSV files and
 * WordNet 3.1, so a knowledge base can start from a real graph.
 *
 * <p>May import: {@code org.distill4j.core} and Jackson; no other kb package (importers only
 * produce records; {@code kb.ingest} stores them).
 */
package org.distill4j.kb.importer;
