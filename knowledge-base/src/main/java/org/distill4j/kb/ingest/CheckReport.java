package org.distill4j.kb.ingest;

import java.util.List;

/**
 * How the RDF store and the text index compare.
 *
 * @param storeRecords records in the store
 * @param indexDocuments documents in the text index (before any repair)
 * @param missing ids stored but not indexed
 * @param orphans ids indexed but not stored
 * @param stale ids indexed with other content than stored
 * @param repaired true when the index was repaired to match the store
 */
public record CheckReport(long storeRecords, long indexDocuments, List<String> missing,
    List<String> orphans, List<String> stale, boolean repaired) {

  /** True when both stores hold the same records with the same content. */
  public boolean consistent() {
    return missing.isEmpty() && orphans.isEmpty() && stale.isEmpty();
  }
}
