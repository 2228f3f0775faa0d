package org.distill4j.pipeline;

import java.nio.file.Path;
import org.distill4j.core.io.SettingException;
import org.distill4j.generation.Generation;
import org.distill4j.generation.GenerationJob;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.generation.run.GenerationStoppedException;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.generation.run.TeacherKeyRefusedException;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherProbe;

/**
 * Seeds through a recipe to the teacher, into {@code RUN/generated.jsonl}: the pipeline's YAML
 * translated into a {@link GenerationJob} for {@link Generation}, which owns the defaults and the
 * outputs. A rerun resumes: stored replies are replayed and only what is missing is sent. With
 * {@code batch: true} the requests go through the teacher's batch API first, as with {@code
 * distill generate --batch}. Errors about a setting name its key in the pipeline file.
 */
final class GenerateStage implements PipelineStage {
  private final TeacherConfig teacher;
  private final PipelineConfig.Generate settings;
  private final Path prices;
  private final Path runDir;
  private final ProgressListener progress;
  private final Generation generation;

  GenerateStage(TeacherConfig teacher, PipelineConfig.Generate settings, Path prices,
      Path runDir, ProgressListener progress) {
    this(teacher, settings, prices, runDir, progress, new Generation());
  }

  GenerateStage(TeacherConfig teacher, PipelineConfig.Generate settings, Path prices,
      Path runDir, ProgressListener progress, Generation generation) {
    this.teacher = teacher;
    this.settings = settings;
    this.prices = prices;
    this.runDir = runDir;
    this.progress = progress;
    this.generation = generation;
  }

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String fingerprint() {
    return new Fingerprint().add(settings.outputSettings()).add(teacher)
        .addFile(settings.recipe()).addFile(settings.seeds()).hex();
  }

  @Override
  public void run() {
    GenerationJob job = new GenerationJob(settings.recipe(), settings.seeds(), null,
        settings.fields(), teacher, runDir, null, settings.concurrency(), settings.samples(),
        settings.limit(), settings.rpm(), null, null,
        new CostOptions(prices, settings.maxCost(), settings.tokenizer()), settings.batch(),
        settings.batchPollSeconds());
    RunManifest m;
    try {
      m = generation.run(job, progress);
    } catch (SettingException e) {
      throw inPipelineTerms(e);
    } catch (TeacherProbe.TeacherUnreachableException e) {
      RuntimeException keyed =
          new TeacherProbe.TeacherUnreachableException(e.renderedAs(PipelineConfig::keyOf));
      keyed.initCause(e);
      throw keyed;
    } catch (TeacherKeyRefusedException e) {
      throw new TeacherKeyRefusedException(PipelineConfig.keyOf(e.setting()),
          e.renderedAs(s -> SettingException.NAME));
    }
    if ("stopped".equals(m.status())) {
      // The cost limit was reached: later stages must not run on part of the corpus. Not
      // marked done, so the same pipeline with a higher limit continues here.
      throw new GenerationStoppedException(m).spelledAs(PipelineConfig::keyOf);
    }
  }

  /** The same problem, naming the setting's key in the pipeline file. */
  static SettingException inPipelineTerms(SettingException e) {
    // Rendered with the placeholder for the name, the message gives back the stage's problem text.
    return new SettingException(PipelineConfig.keyOf(e.setting()),
        e.renderedAs(s -> SettingException.NAME));
  }
}
