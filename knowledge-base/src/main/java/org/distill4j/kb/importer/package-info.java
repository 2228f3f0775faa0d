/**
 * Importers that turn existing symbolic knowledge into corpus records: ATOMIC 2019 CSV files and
 * WordNet 3.1, so a knowledge base can start from a real graph.
 */
package org.distill4j.kb.importer;
