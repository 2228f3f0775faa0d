package org.distill4j.kb.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Triple;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.store.RecordGraph;

/**
 * Makes a batch ready for any store, off the writer's thread: deduplicated by id, serialised to
 * the canonical JSON, turned into triples ({@link RecordGraph}) and checked against the SHACL
 * shapes. A local knowledge base and a remote store take the same prepared batches.
 */
final class BatchPreparer {
  private final ShaclRecordValidator validator = new ShaclRecordValidator();

  /** A record and where it came from ({@code file:line} or {@code record N}). */
  record Sourced(CorpusRecord record, String origin) {}

  /**
   * A batch made ready: its valid records' JSON and triples by id, in batch order.
   *
   * @param read records in the batch as read
   * @param duplicates records repeated within the batch (the last one kept)
   * @param rejected records that broke a shape (already sent to the violations)
   * @param byId every distinct record of the batch, by id
   * @param json the canonical JSON of each record
   * @param triples the triples of each valid record; a record absent here is not stored
   * @param origin where the batch's first record came from, for messages
   */
  record Prepared(int read, long duplicates, long rejected, Map<String, Sourced> byId,
      Map<String, String> json, Map<String, List<Triple>> triples, String origin) {}

  /** Deduplicates, serialises and validates {@code batch}; violations go to the settings. */
  Prepared prepare(List<Sourced> batch, IngestSettings settings) {
    Map<String, Sourced> byId = new LinkedHashMap<>();
    batch.forEach(s -> byId.put(s.record().id(), s));
    Map<String, String> json = new HashMap<>();
    Map<String, List<Triple>> triples = new LinkedHashMap<>();
    for (Sourced s : byId.values()) {
      String j = RecordJson.toJson(s.record());
      json.put(s.record().id(), j);
      triples.put(s.record().id(), RecordGraph.triples(s.record(), j));
    }
    Map<String, List<String>> violations = validator.violations(triples);
    for (Map.Entry<String, List<String>> v : violations.entrySet()) {
      Sourced s = byId.get(v.getKey());
      settings.violations().accept(new RecordViolation(
          s == null ? "batch" : s.origin(), v.getKey(), v.getValue()));
      triples.remove(v.getKey());
    }
    return new Prepared(batch.size(), batch.size() - byId.size(),
        byId.size() - triples.size(), byId, json, triples,
        batch.isEmpty() ? "empty batch" : batch.get(0).origin());
  }
}
