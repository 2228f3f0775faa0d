package org.distill4j.generation;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.teacher.TeacherConfig;

/**
 * What a front end asks the generation stage for, as the user wrote it: a flag or YAML key left
 * out is null here, and {@link Generation} fills in its default, so every front end gets the
 * same ones. From Java, start with {@link #builder}:
 *
 * <pre>{@code
 * GenerationJob job = GenerationJob.builder(Path.of("prompts/commonsense-atomic.yaml"),
 *         Path.of("events.txt"), Path.of("runs/atomic"))
 *     .concurrency(4)
 *     .build();
 * }</pre>
 *
 * @param recipe the recipe file
 * @param seeds the seed file
 * @param seedFormat the seed file's format name; from the extension when null
 * @param fields seed field mapping items, {@code name=source}; the seeds' own names when empty
 * @param teacher the teacher config (no key in it, only the variable's name)
 * @param outDir the run folder
 * @param cacheDir the reply cache; {@code outDir/cache} when null
 * @param concurrency requests in flight at most
 * @param samples samples per prompt; the recipe's when null
 * @param limit the first N seed rows only; all when null or 0
 * @param rpm requests per minute at most; no limit when null or 0
 * @param tpm tokens per minute at most; no limit when null or 0
 * @param maxAttempts attempts per request on 429, 5xx, timeouts and broken connections
 * @param cost price file, spending limit and tokenizer; none given when null
 * @param batch true to submit the requests as batch jobs first (openai, anthropic); off when
 *     null
 * @param batchPollSeconds seconds between polls of the batch jobs; 60 when null
 */
public record GenerationJob(Path recipe, Path seeds, String seedFormat, List<String> fields,
    TeacherConfig teacher, Path outDir, Path cacheDir, Integer concurrency, Integer samples,
    Long limit, Double rpm, Double tpm, Integer maxAttempts, CostOptions cost, Boolean batch,
    Double batchPollSeconds) {

  public GenerationJob {
    fields = fields == null ? List.of() : List.copyOf(fields);
    cost = cost == null ? CostOptions.none() : cost;
  }

  /**
   * A job reading {@code seeds} through {@code recipe} into the run folder {@code outDir}; every
   * other setting has {@link Generation}'s default until set on the builder.
   */
  public static Builder builder(Path recipe, Path seeds, Path outDir) {
    return new Builder(recipe, seeds, outDir);
  }

  /** Builds a {@link GenerationJob}; each setter's value is checked when the job runs. */
  public static final class Builder {
    private final Path recipe;
    private final Path seeds;
    private final Path outDir;
    private String seedFormat;
    private List<String> fields = List.of();
    private TeacherConfig teacher;
    private Path cacheDir;
    private Integer concurrency;
    private Integer samples;
    private Long limit;
    private Double rpm;
    private Double tpm;
    private Integer maxAttempts;
    private CostOptions cost;
    private Boolean batch;
    private Double batchPollSeconds;

    private Builder(Path recipe, Path seeds, Path outDir) {
      this.recipe = recipe;
      this.seeds = seeds;
      this.outDir = outDir;
    }

    /**
     * The seed file's format: {@code text}, {@code jsonl}, {@code csv}, {@code tsv},
     * {@code csv-no-header} or {@code tsv-no-header}; read off the file name by default.
     */
    public Builder seedFormat(String format) {
      this.seedFormat = format;
      return this;
    }

    /**
     * How seed fields become the recipe's inputs, items {@code input=source}: e.g.
     * {@code "event=0"} for a text file (one seed per line, column 0) read by a recipe whose
     * input is {@code event}. The seeds' own names by default.
     */
    public Builder fields(String... mapping) {
      this.fields = List.of(mapping);
      return this;
    }

    /** A teacher built from a config; leave unset when passing a ChatModel to the run. */
    public Builder teacher(TeacherConfig config) {
      this.teacher = config;
      return this;
    }

    /** The reply cache folder; {@code outDir/cache} by default. */
    public Builder cacheDir(Path dir) {
      this.cacheDir = dir;
      return this;
    }

    /** Requests in flight at most; {@value Generation#DEFAULT_CONCURRENCY} by default. */
    public Builder concurrency(int requests) {
      this.concurrency = requests;
      return this;
    }

    /** Samples per prompt; the recipe's by default. */
    public Builder samples(int n) {
      this.samples = n;
      return this;
    }

    /** The first {@code seedRows} seed rows only; 0 (the default) for all. */
    public Builder limit(long seedRows) {
      this.limit = seedRows;
      return this;
    }

    /** Requests per minute at most; 0 (the default) for no limit. */
    public Builder requestsPerMinute(double rate) {
      this.rpm = rate;
      return this;
    }

    /** Tokens per minute at most; 0 (the default) for no limit. */
    public Builder tokensPerMinute(double rate) {
      this.tpm = rate;
      return this;
    }

    /** Attempts per request; {@value Generation#DEFAULT_MAX_ATTEMPTS} by default. */
    public Builder maxAttempts(int attempts) {
      this.maxAttempts = attempts;
      return this;
    }

    /**
     * A price file, a spending limit for the whole run and a tokenizer to count prompt tokens
     * with; the shipped prices, no limit and the teacher's own counting by default.
     */
    public Builder cost(CostOptions options) {
      this.cost = options;
      return this;
    }

    /**
     * True to submit the requests the cache lacks as batch jobs first, at the provider's batch
     * price, and send only what they leave unanswered one by one (openai and anthropic
     * teachers); off by default.
     */
    public Builder batch(boolean on) {
      this.batch = on;
      return this;
    }

    /** Seconds between polls of the batch jobs; 60 by default. */
    public Builder batchPollSeconds(double seconds) {
      this.batchPollSeconds = seconds;
      return this;
    }

    public GenerationJob build() {
      return new GenerationJob(recipe, seeds, seedFormat, fields, teacher, outDir, cacheDir,
          concurrency, samples, limit, rpm, tpm, maxAttempts, cost, batch, batchPollSeconds);
    }
  }
}
