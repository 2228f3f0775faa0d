package org.distill4j.generation;

import org.distill4j.generation.run.SettingNames;
import org.distill4j.generation.run.GenerationFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.SeedFormat;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.run.BatchSettings;
import org.distill4j.generation.run.DryRun;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherProbe;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.batchapi.BatchApi;
import org.distill4j.teacher.batchapi.BatchApis;

/**
 * The generation stage, the one way in for every front end ({@code distill generate}, the
 * pipeline's generate stage): it owns the defaults, the order of the checks and the output
 * files, so that the same job gives the same run whichever way it was asked for.
 *
 * <p>The order: settings and inputs first (recipe, seeds), so bad input fails before anything
 * is contacted or created; then the teacher is built (a missing key fails here) and its port
 * probed, so a stopped server fails in seconds with what to do; then the run. Errors about a
 * setting are {@link SettingException}s with the names in {@link SettingNames}.
 */
public final class Generation {
  /** Requests in flight when none is given. */
  public static final int DEFAULT_CONCURRENCY = 8;
  /** Attempts per request when none is given. */
  public static final int DEFAULT_MAX_ATTEMPTS = 6;
  /** How long to wait for the teacher's port before saying how to start one. */
  public static final int PROBE_MILLIS = 3000;

  private final ChatModelFactory teachers;

  public Generation() {
    this(new ChatModelFactory());
  }

  /** @param teachers builds the teacher; tests pass one with a fixed environment */
  public Generation(ChatModelFactory teachers) {
    this.teachers = teachers;
  }

  /** The files of the run folder {@code dir}, named as the run writes them. */
  public record Outputs(Path dir) {
    public Path generated() {
      return dir.resolve(GenerationFiles.GENERATED);
    }

    public Path failures() {
      return dir.resolve(GenerationFiles.FAILURES);
    }

    public Path manifest() {
      return dir.resolve(GenerationFiles.MANIFEST);
    }

    public Path ledger() {
      return dir.resolve(GenerationFiles.LEDGER);
    }
  }

  /** Renders the first {@code show} prompts and counts the requests; sends nothing. */
  public DryRun dryRun(GenerationJob job, int show) {
    return new GenerationRun(settings(job), null, null).dryRun(show);
  }

  /** Runs or resumes the job; returns the final manifest. */
  public RunManifest run(GenerationJob job, ProgressListener progress) {
    return prepare(job).run(progress);
  }

  /**
   * Checks the job, builds the teacher and probes its server; nothing is sent or written yet.
   * Front ends that show progress call this first, so a failed check prints no progress.
   */
  public Ready prepare(GenerationJob job) {
    GenerationSettings settings = settings(job);
    // A teacher that cannot return what the recipe asks for is refused before any request.
    settings.teacher().providerKind()
        .checkSampling(settings.recipe().recipe().samplingParameters());
    Teacher teacher = teachers.teacher(settings.teacher());
    BatchApi batch = settings.batch() == null ? null
        : BatchApis.open(teachers.setup(settings.teacher()), SettingNames.BATCH);
    // Fail in seconds, with what to do, rather than after a connect timeout per request.
    new TeacherProbe(PROBE_MILLIS).check(settings.teacher());
    return new Ready(settings, teacher, batch);
  }

  /**
   * A checked job with its teacher, ready to run.
   *
   * @param batch the teacher's batch API when the job asked for it; else null
   */
  public record Ready(GenerationSettings settings, Teacher teacher, BatchApi batch) {
    /** Runs or resumes the job; returns the final manifest. */
    public RunManifest run(ProgressListener progress) {
      return new GenerationRun(settings, teacher, progress, batch).run();
    }
  }

  /**
   * The job with its defaults filled in, checked: the recipe is loaded and the seed file opened
   * (it exists, has rows and the recipe's columns) before the teacher is contacted or anything in
   * the run folder is touched.
   */
  public GenerationSettings settings(GenerationJob job) {
    int concurrency = atLeastOne(SettingNames.CONCURRENCY, job.concurrency(), DEFAULT_CONCURRENCY);
    int maxAttempts = atLeastOne(SettingNames.MAX_ATTEMPTS, job.maxAttempts(),
        DEFAULT_MAX_ATTEMPTS);
    long limit = zeroOrMore(SettingNames.LIMIT, job.limit());
    double rpm = zeroOrMore(SettingNames.RPM, job.rpm());
    double tpm = zeroOrMore(SettingNames.TPM, job.tpm());
    RecipeLoader.LoadedRecipe recipe = RecipeLoader.load(job.recipe());
    if (job.samples() != null) {
      recipe = RecipeLoader.withSamples(recipe,
          atLeastOne(SettingNames.SAMPLES, job.samples(), 1));
    }
    RunnerSettings runner = new RunnerSettings(concurrency, rpm, tpm, retryPolicy(maxAttempts));
    GenerationSettings settings = new GenerationSettings(recipe, job.seeds(),
        FieldMapping.parse(job.fields()), job.teacher(), runner, job.outDir(), job.cacheDir(),
        limit, job.seedFormat() == null ? null : SeedFormat.parse(job.seedFormat()));
    settings.openSeeds().close();
    return Boolean.TRUE.equals(job.batch()) ? settings.withBatch(batchSettings(job)) : settings;
  }

  /** The batch phase's settings; a teacher without a batch API is refused here. */
  private static BatchSettings batchSettings(GenerationJob job) {
    BatchApis.requireSupported(job.teacher(), SettingNames.BATCH);
    double poll = job.batchPollSeconds() == null
        ? BatchSettings.DEFAULT_POLL_INTERVAL.toMillis() / 1000.0
        : zeroOrMore(SettingNames.BATCH_POLL_SECONDS, job.batchPollSeconds());
    return BatchSettings.every(Duration.ofMillis(Math.round(poll * 1000)));
  }

  /** Backs off from half a second to 30 s between attempts, 5 minutes per request at most. */
  public static RetryPolicy retryPolicy(int maxAttempts) {
    return new RetryPolicy(maxAttempts, Duration.ofMillis(500), Duration.ofSeconds(30),
        Duration.ofMinutes(5));
  }

  private static int atLeastOne(String setting, Integer value, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      throw new SettingException(setting, "{setting} must be at least 1, found " + value);
    }
    return value;
  }

  private static long zeroOrMore(String setting, Long value) {
    if (value != null && value < 0) {
      // A negative limit would read as "no limit" downstream and send the whole run.
      throw new SettingException(setting, "{setting} must be 0 (all) or more, found " + value);
    }
    return value == null ? 0 : value;
  }

  private static double zeroOrMore(String setting, Double value) {
    if (value != null && !(value >= 0 && Double.isFinite(value))) {
      throw new SettingException(setting, "{setting} must be 0 (no limit) or more, found "
          + value);
    }
    return value == null ? 0 : value;
  }
}
