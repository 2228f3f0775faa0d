package org.distill4j.spark.dedup;

import java.io.IOException;
import java.io.Serializable;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;

/**
 * One input record as the dedup shuffles carry it.
 *
 * @param line its line number in the input (1-based): "first" means the lowest, as in the
 *     local run, which reads the file in order
 * @param json the line as read
 * @param id the record id
 * @param text the knowledge's text, which both dedups compare
 * @param kind the knowledge kind's id, for the funnel
 * @param relation the knowledge's relation, for the funnel
 */
public record Item(long line, String json, String id, String text, String kind, String relation)
    implements Serializable {

  /** Parses a line; null when it is not a valid record (the funnel counts it as invalid). */
  public static Item parse(long line, String json) {
    try {
      CorpusRecord r = CorpusJson.json().readValue(json, CorpusRecord.class);
      if (r == null || r.knowledge() == null) {
        return null;
      }
      return new Item(line, json, r.id(), r.knowledge().text(), r.knowledge().kind().id(),
          r.knowledge().relation());
    } catch (IOException | RuntimeException e) {
      // Running out of memory is the task's failure (Spark retries it), not an invalid line.
      JsonLinesReader.throwIfVmError(e);
      return null;
    }
  }
}
