package org.distill4j.export.schema;

import static org.distill4j.export.schema.Column.optional;

import java.util.List;
import java.util.function.Function;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Sampling;

/** Where each record came from, one nullable column per provenance field. */
final class ProvenanceColumns {
  private ProvenanceColumns() {}

  static List<Column> all() {
    return List.of(
        text("run_id", "The generation run that wrote the record.", Provenance::runId),
        text("source", "The resource it was imported from, for imported knowledge.",
            Provenance::source),
        text("teacher_provider", "The teacher's provider, e.g. openai or ollama.",
            Provenance::teacherProvider),
        text("teacher_model", "The teacher model.", Provenance::teacherModel),
        text("recipe_id", "The prompt recipe.", Provenance::recipeId),
        text("recipe_version", "The recipe's declared version.", Provenance::recipeVersion),
        text("recipe_hash", "SHA-256 of the recipe's canonical content.",
            Provenance::recipeHash),
        distinct("request_hash", "The reply-cache key of the teacher request.",
            Provenance::requestHash),
        optional("sample_index", ColumnType.INT32, "Which of the n samples of one prompt, from 0.",
            r -> r.provenance().sampleIndex()).asCategorical(),
        optional("created_at", ColumnType.TIMESTAMP, "When the teacher's reply arrived (UTC).",
            r -> r.provenance().createdAt()),
        distinct("seed_id", "The seed (and expansion entry) the prompt was made from.",
            Provenance::seedId),
        sampling("sampling_n", ColumnType.INT32, "Samples asked per prompt.", Sampling::n),
        sampling("sampling_temperature", ColumnType.DOUBLE, "Sampling temperature.",
            Sampling::temperature),
        sampling("sampling_top_p", ColumnType.DOUBLE, "Nucleus sampling top-p.", Sampling::topP),
        sampling("sampling_max_tokens", ColumnType.INT32, "Reply length limit in tokens.",
            Sampling::maxTokens),
        sampling("sampling_seed", ColumnType.INT64, "The sampling seed sent to the teacher.",
            Sampling::seed));
  }

  private static Column text(String name, String description, Function<Provenance, String> f) {
    return optional(name, ColumnType.STRING, description, r -> f.apply(r.provenance()))
        .asCategorical();
  }

  /** A provenance text that is nearly unique per record (a hash, a seed). */
  private static Column distinct(String name, String description,
      Function<Provenance, String> f) {
    return optional(name, ColumnType.STRING, description, r -> f.apply(r.provenance()));
  }

  private static Column sampling(String name, ColumnType type, String description,
      Function<Sampling, Object> f) {
    return optional(name, type, description, r -> {
      Sampling s = r.provenance().sampling();
      return s == null ? null : f.apply(s);
    }).asCategorical();
  }
}
