package org.distill4j.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestJob;
import org.distill4j.kb.ingest.IngestOutcome;

/**
 * Ingests the kept records into {@code RUN/kb} (TDB2 + Lucene) through {@link Ingest}, as
 * {@code distill kb ingest} does, so both leave the same store and side files (records not
 * stored go to {@code RUN/kb/rejected.jsonl}). Ingest is idempotent by content id and repairs a
 * half-done batch, so a rerun after a crash completes it.
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
    IngestJob job = IngestJob.defaults().withVectors(settings.vectors());
    IngestOutcome outcome;
    try {
      outcome = Ingest.files(kbDir, List.of(kept), job);
    } catch (SettingException e) {
      throw new InputException(e.renderedAs(s -> "kb." + s));
    }
    outcome.summary().forEach(line -> log.accept("kb: " + line));
  }
}
