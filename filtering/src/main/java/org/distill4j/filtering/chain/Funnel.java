package org.distill4j.filtering.chain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Stage;

/**
 * How many records entered and left each stage, overall, per knowledge kind and per relation;
 * written as {@code funnel.json}. {@code invalidLines} counts input lines that were not valid
 * records (they are in {@code invalid.jsonl} with their file:line and problem).
 *
 * @param input non-blank input lines
 * @param invalidLines lines that did not parse or validate as records
 * @param stages one entry per stage, in chain order
 * @param kept records that passed every stage
 * @param rejected records rejected by some stage
 */
@JsonPropertyOrder({"input", "invalidLines", "stages", "kept", "rejected"})
public record Funnel(long input, long invalidLines, List<StageCount> stages, long kept,
    long rejected) {

  /** In/out counts of one stage. */
  @JsonPropertyOrder({"name", "type", "wholeCorpus", "in", "out", "byKind", "byRelation"})
  public record StageCount(String name, String type, boolean wholeCorpus, long in, long out,
      Map<String, InOut> byKind, Map<String, InOut> byRelation) {}

  /** Records in and out of one slice of a stage. */
  public record InOut(long in, long out) {}

  /** Mutable counter used while a run is going; {@link #freeze} makes the record. */
  static final class Counter {
    private final Stage stage;
    private long in;
    private long out;
    private final Map<String, long[]> byKind = new TreeMap<>();
    private final Map<String, long[]> byRelation = new TreeMap<>();

    Counter(Stage stage) {
      this.stage = stage;
    }

    void count(CorpusRecord record, boolean kept) {
      in++;
      long[] k = byKind.computeIfAbsent(record.knowledge().kind().id(), x -> new long[2]);
      long[] r = byRelation.computeIfAbsent(record.knowledge().relation(), x -> new long[2]);
      k[0]++;
      r[0]++;
      if (kept) {
        out++;
        k[1]++;
        r[1]++;
      }
    }

    StageCount freeze() {
      return new StageCount(stage.name(), stage.type(), stage instanceof Stage.WholeCorpus, in,
          out, freeze(byKind), freeze(byRelation));
    }

    private static Map<String, InOut> freeze(Map<String, long[]> m) {
      Map<String, InOut> out = new TreeMap<>();
      m.forEach((key, v) -> out.put(key, new InOut(v[0], v[1])));
      return out;
    }
  }
}
