package org.distill4j.kb.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.kb.index.IndexEntry;

/** The canonical JSON both stores keep of a record, and the index document made from it. */
final class RecordJson {
  private RecordJson() {}

  static String toJson(CorpusRecord r) {
    try {
      return CorpusJson.json().writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write record " + r.id() + " as JSON", e);
    }
  }

  static CorpusRecord fromJson(String json) {
    try {
      return CorpusJson.json().readValue(json, CorpusRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored record does not parse: " + e.getOriginalMessage(), e);
    }
  }

  static IndexEntry entry(CorpusRecord r, String json, float[] vector) {
    return new IndexEntry(r.id(), r.knowledge().kind().id(), r.knowledge().relation(),
        r.knowledge().text(), r.scores(), json, vector);
  }
}
