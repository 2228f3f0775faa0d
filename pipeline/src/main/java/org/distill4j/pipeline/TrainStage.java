package org.distill4j.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.training.Training;
import org.distill4j.training.config.StudentConfig;

/**
 * Trains the student on the run's kept records, writing to {@code RUN/train}. Training keeps a
 * checkpoint per epoch, so a rerun after a crash resumes from the last one.
 */
final class TrainStage implements PipelineStage {
  private final PipelineConfig.Train settings;
  private final Path kept;
  private final Path outDir;
  private final Path kbDir;
  private final Consumer<String> log;

  TrainStage(PipelineConfig.Train settings, Path kept, Path outDir, Path kbDir,
      Consumer<String> log) {
    this.settings = settings;
    this.kept = kept;
    this.outDir = outDir;
    this.kbDir = kbDir;
    this.log = log;
  }

  @Override
  public String name() {
    return "train";
  }

  @Override
  public String fingerprint() {
    return new Fingerprint().add(settings).addFile(settings.config()).hex();
  }

  @Override
  public void run() {
    StudentConfig config = forThisRun(StudentConfig.read(settings.config()));
    try (KnowledgeBaseRetrievers retrievers = new KnowledgeBaseRetrievers()) {
      Training.train(config, retrievers, log);
    } catch (SettingException e) {
      // The stage's settings come from the student config that train.config names.
      throw new InputException(e.renderedAs(s -> "\"" + s + "\" in " + settings.config()));
    } catch (IOException e) {
      throw new UncheckedIOException("training failed: " + e.getMessage(), e);
    }
  }

  /** The student config with the run's corpus and folders in place of its own. */
  private StudentConfig forThisRun(StudentConfig c) {
    StudentConfig.RetrievalSettings retrieval = c.retrieval() == null ? null
        // Retrieval in a pipeline reads the knowledge base this run just built.
        : new StudentConfig.RetrievalSettings(kbDir, c.retrieval().mode(), c.retrieval().k());
    return c.withTrain(kept).withOut(outDir).withRetrieval(retrieval);
  }
}
