package org.distill4j.generation;

import org.distill4j.generation.run.SettingNames;
import org.distill4j.generation.run.GenerationFiles;
import java.nio.file.Path;
import java.time.Duration;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.SeedFormat;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.generation.cost.CostSettings;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.run.BatchSettings;
import org.distill4j.generation.run.DryRun;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.generation.run.RunManifest;
import dev.langchain4j.model.chat.ChatModel;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.SuppliedTeacher;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherProbe;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.batchapi.BatchApi;
import org.distill4j.teacher.batchapi.BatchApis;
import org.distill4j.teacher.price.PriceMatch;
import org.distill4j.teacher.price.PriceTable;

/**
 * The generation stage, the one way in for every front end ({@code distill generate}, the
 * pipeline's generate stage, Java code): it owns the defaults, the order of the checks and the
 * output files, so that the same job gives the same run whichever way it was asked for.
 *
 * <p>From Java, with a LangChain4j model you already have as the teacher:
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatModel.builder().baseUrl("http://localhost:8000/v1")
 *     .apiKey(System.getenv("OPENAI_API_KEY")).modelName("Qwen2.5-7B-Instruct")
 *     .maxRetries(0).build();
 * GenerationJob job = GenerationJob.builder(Path.of("prompts/commonsense-atomic.yaml"),
 *     Path.of("events.txt"), Path.of("runs/atomic")).fields("event=0").build();
 * RunManifest manifest = new Generation().run(job, model);
 * Path records = new Generation.Outputs(job.outDir()).generated();
 * }</pre>
 *
 * <p>A rerun of the same job resumes: replies already in the reply cache are never asked for
 * again. The model's provider and name label the cache and every record's provenance
 * ({@link SuppliedTeacher#of(ChatModel)}); label it yourself with
 * {@link #run(GenerationJob, SuppliedTeacher, ProgressListener)} and
 * {@link SuppliedTeacher#of(ChatModel, String, String)}. Or leave the model to this stage: set
 * a {@link org.distill4j.teacher.TeacherConfig} on the job and call
 * {@link #run(GenerationJob, ProgressListener)}.
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

  /** Runs or resumes the job with the teacher its config names; returns the final manifest. */
  public RunManifest run(GenerationJob job, ProgressListener progress) {
    return prepare(job).run(progress);
  }

  /**
   * Runs or resumes the job with {@code teacher}, a model the caller built, labelled with the
   * provider and model name it reports; returns the final manifest.
   *
   * @throws IllegalArgumentException when the model reports no provider or model name (label it
   *     with {@link SuppliedTeacher#of(ChatModel, String, String)}), or the job also names a
   *     teacher config
   */
  public RunManifest run(GenerationJob job, ChatModel teacher) {
    return run(job, SuppliedTeacher.of(teacher), ProgressListener.none());
  }

  /** Runs or resumes the job with a model the caller built and labelled. */
  public RunManifest run(GenerationJob job, SuppliedTeacher teacher, ProgressListener progress) {
    return prepare(job, teacher).run(progress);
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
    return new Ready(settings, teacher, null, batch);
  }

  /**
   * Checks the job for a teacher the caller built; nothing is sent or written yet. There is no
   * port to probe (the model holds its URL): an unreachable server shows as failed requests,
   * each after {@link GenerationJob#maxAttempts()} attempts.
   *
   * @throws IllegalArgumentException when the job also names a teacher config, or asks for
   *     batch jobs (they need the provider's URL and key, which only a teacher config gives)
   */
  public Ready prepare(GenerationJob job, SuppliedTeacher teacher) {
    if (job.teacher() != null) {
      throw new IllegalArgumentException("the job names a teacher config (" + job.teacher()
          + ") and a ChatModel was given as the teacher too; give one of them");
    }
    if (Boolean.TRUE.equals(job.batch())) {
      throw new IllegalArgumentException("batch jobs go to the provider's batch endpoint, whose"
          + " URL and key a ChatModel does not reveal: set a teacher config on the job"
          + " (GenerationJob.Builder.teacher) to use them, or leave batch off");
    }
    GenerationSettings settings = settings(job, teacher.config());
    teacher.checkSampling(settings.recipe().recipe().samplingParameters());
    return new Ready(settings, teacher.teacher(), teacher.id(), null);
  }

  /**
   * A checked job with its teacher, ready to run.
   *
   * @param settings the job with its defaults filled in
   * @param teacher the teacher requests go to
   * @param suppliedId the label of a teacher the caller built; null when the settings' teacher
   *     config names the teacher
   * @param batch the teacher's batch API when the job asked for it; else null
   */
  public record Ready(GenerationSettings settings, Teacher teacher, TeacherId suppliedId,
      BatchApi batch) {
    /** Runs or resumes the job; returns the final manifest. */
    public RunManifest run(ProgressListener progress) {
      return new GenerationRun(settings, teacher, suppliedId, progress, batch).run();
    }
  }

  /**
   * The job with its defaults filled in, checked: the recipe is loaded and the seed file opened
   * (it exists, has rows and the recipe's columns) before the teacher is contacted or anything in
   * the run folder is touched.
   */
  public GenerationSettings settings(GenerationJob job) {
    return settings(job, job.teacher());
  }

  private GenerationSettings settings(GenerationJob job, TeacherConfig teacher) {
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
        FieldMapping.parse(job.fields()), teacher, runner, job.outDir(), job.cacheDir(),
        limit, job.seedFormat() == null ? null : SeedFormat.parse(job.seedFormat()),
        costSettings(job.cost(), teacher), null);
    settings.openSeeds().close();
    if (!Boolean.TRUE.equals(job.batch())) {
      return settings;
    }
    BatchSettings batch = batchSettings(job, teacher);
    if (settings.cost().maxCost() != null
        && recipe.recipe().samplingParameters().maxTokens() == null) {
      throw new SettingException(SettingNames.MAX_COST, "{setting} cannot bound batch jobs: the"
          + " recipe sets no max_tokens, so what a job may cost has no upper bound, and a job"
          + " once submitted cannot be stopped midway. Set max_tokens in the recipe's sampling,"
          + " or send one by one (the limit then stops sending as replies arrive)");
    }
    return settings.withBatch(batch);
  }

  /** The batch phase's settings; a teacher without a batch API is refused here. */
  private static BatchSettings batchSettings(GenerationJob job, TeacherConfig teacher) {
    BatchApis.requireSupported(teacher, SettingNames.BATCH);
    double poll = job.batchPollSeconds() == null
        ? BatchSettings.DEFAULT_POLL_INTERVAL.toMillis() / 1000.0
        : zeroOrMore(SettingNames.BATCH_POLL_SECONDS, job.batchPollSeconds());
    return BatchSettings.every(Duration.ofMillis(Math.round(poll * 1000)));
  }

  /**
   * The teacher's price from the shipped table and the user's file, and the limit: above 0, and
   * refused when the price is unknown, since it could never stop the run. Public for jobs that
   * build a run's settings elsewhere (a Spark executor) and must price it the same way.
   */
  public static CostSettings costSettings(CostOptions o, TeacherConfig teacher) {
    if (o.maxCost() != null && !(o.maxCost() > 0 && Double.isFinite(o.maxCost()))) {
      throw new SettingException(SettingNames.MAX_COST, "{setting} must be an amount above 0,"
          + " found " + o.maxCost());
    }
    PriceTable table;
    try {
      table = PriceTable.withUserFile(o.prices());
    } catch (InputException e) {
      // The file's own problem, at its line; the setting says which option named the file.
      throw new SettingException(SettingNames.PRICES, "{setting}: " + e.getMessage());
    }
    TeacherId id = CostSettings.idOrNull(teacher);
    PriceMatch price = id == null ? null : table.find(id.provider(), id.model()).orElse(null);
    if (price == null && o.maxCost() != null) {
      throw new SettingException(SettingNames.MAX_COST, "{setting} cannot limit this run: "
          + CostSettings.unknown(id) + ", so what it spends cannot be counted and the limit"
          + " could never stop it. Add the model's price to a price file (the format of the"
          + " shipped prices.yaml; see README), or declare it free with input: 0, output: 0");
    }
    return CostSettings.of(price, o.maxCost(), o.tokenizer(), teacher);
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
