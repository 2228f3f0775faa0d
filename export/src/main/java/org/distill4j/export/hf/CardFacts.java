package org.distill4j.export.hf;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.parquet.WrittenFile;
import org.distill4j.export.schema.ExportSchema;
import org.distill4j.export.split.SplitPlan;
import org.distill4j.export.survey.CorpusSurvey;

/**
 * Everything a dataset card states, gathered by the export: nothing on the card is made up.
 *
 * @param title the card's title and {@code pretty_name}
 * @param survey the pass over the corpus: counts, teachers, recipes
 * @param layout the folder layout (configs and file patterns)
 * @param schemas the table of each kind
 * @param files the Parquet files written, relative to the dataset root
 * @param plan the splits asked for
 * @param splitSeed the seed the split hash used
 * @param license the seeds' licence as the user gave it, or null when not given
 * @param funnel the filter funnel beside the corpus, if any
 */
public record CardFacts(
    String title,
    CorpusSurvey survey,
    HfLayout layout,
    Map<KnowledgeKind, ExportSchema> schemas,
    List<WrittenFile> files,
    SplitPlan plan,
    long splitSeed,
    String license,
    Optional<FunnelSummary> funnel) {

  /** The splits of {@code kind} that got rows, in plan order. */
  public List<String> splitsWithRows(KnowledgeKind kind) {
    return plan.names().stream().filter(s -> survey.rows(kind, s) > 0).toList();
  }

  /** The splits that got no rows of any kind, in plan order. */
  public List<String> emptySplits() {
    return plan.names().stream().filter(s -> survey.rows(s) == 0).toList();
  }
}
