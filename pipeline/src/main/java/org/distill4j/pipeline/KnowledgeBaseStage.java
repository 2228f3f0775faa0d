package org.distill4j.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.KnowledgeBase;

/**
 * Ingests the kept records into {@code RUN/kb} (TDB2 + Lucene). Ingest is idempotent by content
 * id and repairs a half-done batch, so a rerun after a crash completes it.
 */
final class KnowledgeBaseStage implements PipelineStage {
  private final PipelineConfig.Kb settings;
  private final Path kept;
  private final Path kbDir;
  private final java.util.function.Consumer<String> log;

  KnowledgeBaseStage(PipelineConfig.Kb settings, Path kept, Path kbDir,
      java.util.function.Consumer<String> log) {
    this.settings = settings;
    this.kept = kept;
    this.kbDir = kbDir;
    this.log = log;
  }

  @Override
  public String name() {
    return "kb";
  }

  @Override
  public String fingerprint() {
    return new Fingerprint().add(settings).hex();
  }

  @Override
  public void run() {
    try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
      IngestReport report = kb.ingestFiles(List.of(kept), IngestSettings.of(settings.vectors(),
          violation -> log.accept("kb: " + violation)));
      log.accept(String.format("kb: %,d records read: %,d added, %,d updated, %,d unchanged,"
          + " %,d rejected by the SHACL shapes, %,d duplicates", report.read(), report.added(),
          report.updated(), report.unchanged(), report.rejected(), report.duplicates()));
    }
  }
}
