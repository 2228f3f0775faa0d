package org.distill4j.export.schema;

import static org.distill4j.export.schema.Column.optional;
import static org.distill4j.export.schema.Column.required;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.knowledge.KnowledgeKind;

/**
 * The table of one knowledge kind: the record's ids, the kind's typed fields, provenance, the
 * filter verdicts, then one {@code DOUBLE} column per score name.
 *
 * <p>Scores get a column each ({@code score_critic}) rather than one {@code MAP<string,double>}:
 * a map column cannot be filtered or plotted without unnesting it in pandas or SQL, and Hugging
 * Face {@code datasets} has no feature type for Arrow maps. A record without a score has null
 * there. Verdicts likewise get a column per filter ({@code verdict_dedup}: {@code kept},
 * {@code rejected}, or null where the filter never saw the record), and {@code kept},
 * {@code rejected_by} and {@code rejection_reason} summarise them.
 *
 * @param kind the kind every row has
 * @param columns in table order
 */
public record ExportSchema(KnowledgeKind kind, List<Column> columns) {
  public ExportSchema {
    columns = List.copyOf(columns);
    Map<String, Column> seen = new HashMap<>();
    for (Column c : columns) {
      Column before = seen.put(c.name(), c);
      if (before != null) {
        throw new IllegalArgumentException("two columns would both be named " + c.name() + " ("
            + before.description() + " / " + c.description() + "); rename the score or filter");
      }
    }
  }

  /** The table for {@code kind} in a corpus of {@code shape}. */
  public static ExportSchema of(KnowledgeKind kind, CorpusShape shape) {
    List<Column> columns = new ArrayList<>();
    columns.add(required("id", ColumnType.STRING,
        "The record's content id (SHA-256 of kind and normalised fields).", CorpusRecord::id));
    columns.add(optional("external_id", ColumnType.STRING,
        "The user's own id of the seed or labelled row the record was made from.",
        CorpusRecord::externalId));
    columns.add(required("kind", ColumnType.STRING, "The knowledge kind: " + kind.id() + ".",
        r -> r.knowledge().kind().id()).asCategorical());
    columns.addAll(KnowledgeColumns.of(kind));
    columns.addAll(ProvenanceColumns.all());
    columns.addAll(verdictColumns(shape));
    for (String score : shape.scoreNames()) {
      columns.add(optional(Column.nameFor("score_", score), ColumnType.DOUBLE,
          "Score \"" + score + "\"; null when the record has none.",
          r -> r.scores().get(score)));
    }
    return new ExportSchema(kind, columns);
  }

  private static List<Column> verdictColumns(CorpusShape shape) {
    List<Column> columns = new ArrayList<>();
    columns.add(required("kept", ColumnType.BOOLEAN, "True when no filter rejected the record.",
        r -> r.rejection() == null));
    columns.add(optional("rejected_by", ColumnType.STRING, "The first filter that rejected it.",
        r -> r.rejection() == null ? null : r.rejection().filter()).asCategorical());
    columns.add(optional("rejection_reason", ColumnType.STRING, "Why that filter rejected it.",
        r -> r.rejection() == null ? null : r.rejection().reason()).asCategorical());
    for (String filter : shape.filterNames()) {
      columns.add(optional(Column.nameFor("verdict_", filter), ColumnType.STRING,
          "Filter \"" + filter + "\": kept or rejected; null when it never saw the record.",
          r -> verdictOf(r, filter)).asCategorical());
    }
    return columns;
  }

  private static String verdictOf(CorpusRecord r, String filter) {
    for (Verdict v : r.verdicts()) {
      if (v.filter().equals(filter)) {
        return v.kept() ? "kept" : "rejected";
      }
    }
    return null;
  }

  /** Refuses a record of another kind: each table holds one kind. */
  public void check(CorpusRecord record) {
    if (record.knowledge().kind() != kind) {
      throw new IllegalArgumentException("a " + kind.id() + " table cannot hold a "
          + record.knowledge().kind().id() + " record (" + record.id() + ")");
    }
  }
}
