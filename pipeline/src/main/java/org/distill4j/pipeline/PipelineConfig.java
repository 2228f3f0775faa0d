package org.distill4j.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.KeyLines;
import org.distill4j.core.io.YamlFile;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.generation.run.SettingNames;
import org.distill4j.teacher.TeacherConfig;

/**
 * A pipeline file: which stages run, with what. Every stage section is optional; a missing one
 * is skipped. Relative paths resolve against the pipeline file's folder, so a pipeline can be
 * run from anywhere.
 *
 * @param name the pipeline's name, also the default run folder {@code runs/NAME}
 * @param runDir where outputs go ({@link Pipeline.RunLayout})
 * @param teacher the teacher, as in {@code distill generate --config}
 * @param generate the generation stage
 * @param filter the filter stage
 * @param kb the knowledge-base stage
 * @param train the training stage
 * @param prices a price file that adds to and overrides the shipped token prices (the format of
 *     the shipped {@code prices.yaml}), for the generate stage's projection and limit and for the
 *     report's cost; the shipped prices alone when absent
 */
public record PipelineConfig(
    String name,
    @JsonProperty("run_dir") Path runDir,
    TeacherConfig teacher,
    Generate generate,
    Filter filter,
    Kb kb,
    Train train,
    Path prices) {

  public PipelineConfig {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new IllegalArgumentException("field \"name\" must be a word of letters, digits, '.',"
          + " '_' or '-' (it names the run folder), found " + (name == null ? "nothing"
          : "\"" + name + "\""));
    }
    runDir = runDir == null ? Path.of("runs", name) : runDir;
    if (generate != null && teacher == null) {
      throw new IllegalArgumentException("field \"teacher\" is missing; the generate stage needs"
          + " one (e.g. {provider: ollama, model: llama3.2})");
    }
  }

  /**
   * The generation stage.
   *
   * @param recipe a recipe file from prompts/
   * @param seeds the seed file
   * @param fields seed field mapping, {@code name=source} items
   * @param samples samples per prompt; the recipe's when absent
   * @param concurrency requests in flight; the generation stage's default when absent
   * @param rpm requests per minute; unlimited when absent
   * @param limit the first N seeds only; all when absent
   * @param maxCost stop sending once the run has spent this much (the price's currency); no
   *     limit when absent; refused when the teacher's price is unknown. With {@code batch}, jobs
   *     are submitted only as far as their upper-bound cost fits it
   * @param tokenizer a {@code tokenizer.json} (or model folder) to count an open model's prompt
   *     tokens with for the cost projection
   * @param batch true to submit the requests through the teacher's batch API first (openai,
   *     anthropic), as {@code distill generate --batch}; off when absent
   * @param batchPollSeconds seconds between polls of the batch jobs; 60 when absent
   */
  public record Generate(Path recipe, Path seeds, List<String> fields, Integer samples,
      Integer concurrency, Double rpm, Long limit, @JsonProperty("max_cost") Double maxCost,
      Path tokenizer, Boolean batch,
      @JsonProperty("batch_poll_seconds") Double batchPollSeconds) {
    public Generate {
      require(recipe, "generate.recipe");
      require(seeds, "generate.seeds");
      fields = fields == null ? List.of() : List.copyOf(fields);
      if (concurrency != null && concurrency < 1) {
        throw new IllegalArgumentException("field \"generate.concurrency\" must be at least 1");
      }
      limit = limit == null ? 0L : limit;
      // A negative limit would read as "no limit" downstream and send the whole run.
      if (limit < 0) {
        throw new IllegalArgumentException("field \"generate.limit\" must be 0 (all seeds) or"
            + " more, found " + limit);
      }
      if (samples != null && samples < 1) {
        throw new IllegalArgumentException("field \"generate.samples\" must be at least 1,"
            + " found " + samples);
      }
      if (batchPollSeconds != null && !(batchPollSeconds >= 0
          && Double.isFinite(batchPollSeconds))) {
        throw new IllegalArgumentException("field \"generate.batch_poll_seconds\" must be 0 or"
            + " more, found " + batchPollSeconds);
      }
      if (rpm != null && !(rpm >= 0 && Double.isFinite(rpm))) {
        throw new IllegalArgumentException("field \"generate.rpm\" must be 0 (no limit) or"
            + " more, found " + rpm);
      }
      if (maxCost != null && !(maxCost > 0 && Double.isFinite(maxCost))) {
        throw new IllegalArgumentException("field \"generate.max_cost\" must be an amount"
            + " above 0, found " + maxCost);
      }
    }

    /**
     * The settings that decide the stage's output: the cost limit and the tokenizer only decide
     * how far a run goes and how its cost is projected, and the batch settings how much the
     * records cost, not what they are; so changing them (raising the limit of a finished run,
     * turning the batch on) does not make the later stages run again.
     */
    Generate outputSettings() {
      return new Generate(recipe, seeds, fields, samples, concurrency, rpm, limit, null, null,
          null, null);
    }
  }

  /** The filter stage: a filter chain file, as for {@code distill filter --filters}. */
  public record Filter(Path chain) {
    public Filter {
      require(chain, "filter.chain");
    }
  }

  /**
   * The knowledge-base stage: the kept records go into {@code RUN/kb}.
   *
   * @param vectors compute 384-d vectors for vector and hybrid search (slow on CPU)
   */
  public record Kb(Boolean vectors) {
    public Kb {
      vectors = vectors != null && vectors;
    }
  }

  /**
   * The training stage: a student config as for {@code distill train}; its {@code train} and
   * {@code out} are replaced by the run's kept records and {@code RUN/train}.
   */
  public record Train(Path config) {
    public Train {
      require(config, "train.config");
    }
  }

  /** The teacher's settings, which sit in the file's {@code teacher} section. */
  private static final Set<String> TEACHER_KEYS = Set.of(SettingNames.PROVIDER,
      SettingNames.MODEL, SettingNames.BASE_URL, SettingNames.API_KEY_ENV,
      SettingNames.TIMEOUT_SECONDS);

  /**
   * Where the generation stage's setting {@code setting} is written in a pipeline file, e.g.
   * {@code teacher.base_url} or {@code generate.limit}; for errors that name it.
   */
  public static String keyOf(String setting) {
    if (TEACHER_KEYS.contains(setting)) {
      return "teacher." + setting;
    }
    if (SettingNames.PRICES.equals(setting)) {
      return "prices";
    }
    return SettingNames.OUT.equals(setting) ? "run_dir" : "generate." + setting;
  }

  /** Reads a pipeline file; relative paths resolve against its folder. */
  public static PipelineConfig read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(file, 0), "pipeline file not found");
    }
    YamlFile<PipelineConfig> read = YamlFile.read(file, PipelineConfig.class);
    PipelineConfig raw = read.value();
    if (raw == null) {
      throw new InputException(new SourceLocation(file, 0), "the pipeline file is empty");
    }
    if (raw.teacher() != null) {
      checkTeacher(raw.teacher(), read);
    }
    Path base = file.toAbsolutePath().getParent();
    return new PipelineConfig(raw.name(), resolve(base, raw.runDir()), raw.teacher(),
        raw.generate() == null ? null : new Generate(resolve(base, raw.generate().recipe()),
            resolve(base, raw.generate().seeds()), raw.generate().fields(),
            raw.generate().samples(), raw.generate().concurrency(), raw.generate().rpm(),
            raw.generate().limit(), raw.generate().maxCost(),
            resolve(base, raw.generate().tokenizer()), raw.generate().batch(),
            raw.generate().batchPollSeconds()),
        raw.filter() == null ? null : new Filter(resolve(base, raw.filter().chain())),
        raw.kb(),
        raw.train() == null ? null : new Train(resolve(base, raw.train().config())),
        resolve(base, raw.prices()));
  }

  /** The teacher is needed only at the generate stage; its settings are checked now. */
  private static void checkTeacher(TeacherConfig teacher, KeyLines at) {
    if (teacher.provider() == null) {
      throw new InputException(at.where("teacher"), "field \"teacher.provider\" is missing;"
          + " expected one of " + org.distill4j.teacher.Providers.ids());
    }
    try {
      teacher.providerKind();
    } catch (InputException e) {
      throw new InputException(at.where("teacher", "provider"), "teacher.provider: "
          + e.getMessage());
    }
    if (teacher.model() == null || teacher.model().isBlank()) {
      throw new InputException(at.where("teacher", "model"), "field \"teacher.model\" is"
          + " missing (e.g. llama3.2 or gpt-4o-mini)");
    }
    try {
      org.distill4j.teacher.TeacherProbe.address(teacher);
    } catch (org.distill4j.core.io.SettingException e) {
      throw new InputException(at.where("teacher", "base_url"),
          e.renderedAs(PipelineConfig::keyOf));
    }
  }

  private static Path resolve(Path base, Path p) {
    return p == null || p.isAbsolute() ? p : base.resolve(p).normalize();
  }

  private static void require(Object value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
  }
}
