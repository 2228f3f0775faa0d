package org.distill4j.export.schema;

import static org.distill4j.export.schema.Column.optional;
import static org.distill4j.export.schema.Column.required;

import java.util.List;
import java.util.Locale;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;

/** The typed columns of each knowledge kind: its fields, as the JSON records name them. */
final class KnowledgeColumns {
  private KnowledgeColumns() {}

  static List<Column> of(KnowledgeKind kind) {
    return switch (kind) {
      case QA -> List.of(
          required("question", ColumnType.STRING, "The question.", r -> qa(r).question()),
          required("answer", ColumnType.STRING, "Its answer.", r -> qa(r).answer()),
          optional("context", ColumnType.STRING, "The passage the answer comes from, if any.",
              r -> qa(r).context()));
      case RATIONALE -> List.of(
          required("question", ColumnType.STRING, "The question.",
              r -> rationale(r).question()),
          required("choices", ColumnType.STRING_LIST,
              "Answer options of a multiple-choice question; empty when open-ended.",
              r -> rationale(r).choices()),
          required("steps", ColumnType.STRING_LIST, "The reasoning steps, in order.",
              r -> rationale(r).steps()),
          required("answer", ColumnType.STRING, "The final answer.", r -> rationale(r).answer()));
      case COMPARATIVE -> List.of(
          required("subject", ColumnType.STRING, "The entity the statement is about.",
              r -> comparative(r).subject()),
          required("adjective", ColumnType.STRING, "The comparative adjective, e.g. heavier.",
              r -> comparative(r).adjective()).asCategorical(),
          required("object", ColumnType.STRING, "The entity it is compared with.",
              r -> comparative(r).object()),
          required("polarity", ColumnType.STRING, "affirmed or negated.",
              r -> comparative(r).polarity().name().toLowerCase(Locale.ROOT)).asCategorical(),
          required("statement", ColumnType.STRING, "The comparison as one sentence.",
              r -> comparative(r).statement()));
      case TRIPLE -> List.of(
          required("head", ColumnType.STRING, "The event.", r -> triple(r).head()),
          required("relation", ColumnType.STRING, "The relation, e.g. xIntent (ATOMIC).",
              r -> triple(r).relation()).asCategorical(),
          required("tail", ColumnType.STRING, "The inference.", r -> triple(r).tail()));
    };
  }

  // Each table holds one kind (ExportSchema checks it before a row is written), so the casts hold.
  private static QaPair qa(CorpusRecord r) {
    return (QaPair) r.knowledge();
  }

  private static Rationale rationale(CorpusRecord r) {
    return (Rationale) r.knowledge();
  }

  private static Comparative comparative(CorpusRecord r) {
    return (Comparative) r.knowledge();
  }

  private static CommonsenseTriple triple(CorpusRecord r) {
    return (CommonsenseTriple) r.knowledge();
  }
}
