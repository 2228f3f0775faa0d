package org.distill4j.pipeline;

import java.nio.file.Path;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherProbe;

/**
 * Seeds through a recipe to the teacher, into {@code RUN/generated.jsonl}. A rerun resumes: the
 * generation module replays stored replies and sends only what is missing.
 */
final class GenerateStage implements PipelineStage {
  /** How long to wait for the teacher's port before saying how to start one. */
  private static final int PROBE_MILLIS = 3000;

  private final TeacherConfig teacher;
  private final PipelineConfig.Generate settings;
  private final Path runDir;
  private final ProgressListener progress;

  GenerateStage(TeacherConfig teacher, PipelineConfig.Generate settings, Path runDir,
      ProgressListener progress) {
    this.teacher = teacher;
    this.settings = settings;
    this.runDir = runDir;
    this.progress = progress;
  }

  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String fingerprint() {
    return new Fingerprint().add(settings).add(teacher).addFile(settings.recipe())
        .addFile(settings.seeds()).hex();
  }

  @Override
  public void run() {
    // Fail in seconds, with what to do, rather than after a connect timeout per request.
    new TeacherProbe(PROBE_MILLIS).check(teacher);
    RecipeLoader.LoadedRecipe recipe = RecipeLoader.load(settings.recipe());
    if (settings.samples() != null) {
      recipe = RecipeLoader.withSamples(recipe, settings.samples());
    }
    RunnerSettings runner = new RunnerSettings(settings.concurrency(),
        settings.rpm() == null ? 0 : settings.rpm(), 0, RetryPolicy.defaults());
    GenerationSettings generation = new GenerationSettings(recipe, settings.seeds(),
        FieldMapping.parse(settings.fields()), teacher, runner, runDir, null, settings.limit());
    new GenerationRun(generation, new ChatModelFactory().teacher(teacher), progress).run();
  }
}
