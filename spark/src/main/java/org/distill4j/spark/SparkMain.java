package org.distill4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.generation.Generation;
import org.distill4j.generation.GenerationJob;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.spark.dedup.SparkDedup;
import org.distill4j.spark.filter.SparkFilter;
import org.distill4j.spark.generate.SparkGeneration;
import org.distill4j.spark.generate.SparkManifest;
import org.distill4j.teacher.TeacherConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The class {@code spark-submit} runs: {@code generate}, {@code filter} and {@code dedup}, with
 * the local commands' flag names. The master comes from {@code spark-submit --master}, or from
 * {@code --master} here when run without it (e.g. {@code local[2]} from a plain {@code java}).
 */
@Command(name = "distill-spark", mixinStandardHelpOptions = true,
    subcommands = {SparkMain.Generate.class, SparkMain.Filter.class, SparkMain.Dedup.class},
    description = "The distill4j stages as Spark jobs.")
public final class SparkMain {
  /** Runs a sub-command and exits with its code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line: a failure prints one line naming the problem (exit 2 for bad input, 1
   * otherwise), as the local commands do; {@code DISTILL_VERBOSE=1} adds the stack trace.
   */
  static CommandLine commandLine() {
    return new CommandLine(new SparkMain()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("error: " + e.getMessage());
      if (System.getenv("DISTILL_VERBOSE") != null) {
        e.printStackTrace(cmd.getErr());
      }
      return e instanceof IllegalArgumentException || e instanceof InputException ? 2 : 1;
    });
  }

  /** Refuses a missing input before a Spark session starts (Hadoop's error says less). */
  static void requireFile(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new InputException(null, "no such file: " + file);
    }
  }

  static SparkSession session(String master, String job) {
    SparkSession.Builder b = SparkSession.builder().appName("distill4j " + job);
    return master == null ? b.getOrCreate() : b.master(master).getOrCreate();
  }

  /** {@code generate}: seeds through a recipe, the partitions' runs merged. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Generate records from seeds, one generation run per partition.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2].")
    String master;
    @Option(names = "--partitions", defaultValue = "8", paramLabel = "N",
        description = "Seed partitions, at most --concurrency (default ${DEFAULT-VALUE}).")
    int partitions;
    @Option(names = "--recipe", required = true, paramLabel = "FILE") Path recipe;
    @Option(names = "--seeds", required = true, paramLabel = "FILE",
        description = "JSON Lines seeds on storage every executor mounts.") Path seeds;
    @Option(names = "--field", paramLabel = "NAME=SOURCE") List<String> fields = new ArrayList<>();
    @Option(names = "--config", paramLabel = "FILE", description = "Teacher config YAML.")
    Path config;
    @Option(names = "--teacher", paramLabel = "PROVIDER") String teacher;
    @Option(names = "--model", paramLabel = "NAME") String model;
    @Option(names = "--base-url", paramLabel = "URL") String baseUrl;
    @Option(names = "--api-key-env", paramLabel = "VAR") String apiKeyEnv;
    @Option(names = "--timeout", paramLabel = "SECONDS") Double timeout;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
    @Option(names = "--concurrency", defaultValue = "" + Generation.DEFAULT_CONCURRENCY,
        paramLabel = "N", description = "Requests in flight for the whole job, all executors"
            + " together; each partition gets an equal share.") int concurrency;
    @Option(names = "--samples", paramLabel = "N") Integer samples;
    @Option(names = "--rpm", defaultValue = "0", paramLabel = "N") double rpm;
    @Option(names = "--tpm", defaultValue = "0", paramLabel = "N") double tpm;
    @Option(names = "--max-attempts", defaultValue = "" + Generation.DEFAULT_MAX_ATTEMPTS,
        paramLabel = "N") int maxAttempts;
    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
        description = "The first N seed rows only, as locally (default: all).") long limit;
    @Option(names = "--cache", paramLabel = "DIR", description = "Folder for the reply caches,"
        + " one per partition (DIR/part-NNNNN); default: each partition's own folder in the run.")
    Path cache;
    @Option(names = "--max-cost", paramLabel = "AMOUNT", description = "Spending limit for the"
        + " whole job, in the price's currency; each partition may spend an equal share, and one"
        + " that reaches it stops (exit 3; a rerun with a higher limit goes on).") Double maxCost;
    @Option(names = "--prices", paramLabel = "FILE",
        description = "A price file over the shipped prices.yaml.") Path prices;
    @Option(names = "--tokenizer", paramLabel = "FILE|DIR",
        description = "tokenizer.json (or a model folder) to count prompt tokens with.")
    Path tokenizer;

    @Override
    public Integer call() throws Exception {
      TeacherConfig t = (config == null ? TeacherConfig.empty() : TeacherConfig.load(config))
          .withOverrides(teacher, model, baseUrl, apiKeyEnv, timeout);
      requireFile(seeds);
      GenerationJob.Builder job = GenerationJob.builder(recipe, seeds, out).teacher(t)
          .fields(fields.toArray(String[]::new)).concurrency(concurrency)
          .requestsPerMinute(rpm).tokensPerMinute(tpm).maxAttempts(maxAttempts).limit(limit)
          .cacheDir(cache);
      if (samples != null) {
        job.samples(samples);
      }
      CostOptions cost = new CostOptions(prices, maxCost, tokenizer);
      job.cost(cost);
      try (SparkSession spark = session(master, "generate")) {
        SparkManifest m = new SparkGeneration(spark)
            .run(new Generation().settings(job.build()), partitions, cost);
        System.out.println(CorpusJson.json().writerWithDefaultPrettyPrinter()
            .writeValueAsString(m.counts()));
        if (m.spent() != null) {
          System.out.printf(java.util.Locale.ROOT, "spent %.4f (all invocations %.4f)%n",
              m.spent(), m.spentAllInvocations());
        }
        // As the local command: 3 when a spending limit stopped the run.
        return switch (m.status()) {
          case "complete" -> 0;
          case "stopped" -> 3;
          default -> 1;
        };
      }
    }
  }

  /** {@code filter}: a whole chain (see {@link SparkFilter} for how each kind of stage runs). */
  @Command(name = "filter", mixinStandardHelpOptions = true,
      description = "Run a filter chain: per-record stages in each partition; dedup,"
          + " self-consistency and contradictions as shuffles; semantic-dedup embedded in"
          + " partitions, compared on the driver.")
  static final class Filter implements Callable<Integer> {
    @Mixin ChainJob job;

    @Override
    public Integer call() {
      return job.run("filter",
          (spark, chain, in, out) -> new SparkFilter(spark).run(chain, in, out));
    }
  }

  /** {@code dedup}: a chain of exact-dedup and near-dedup stages. */
  @Command(name = "dedup", mixinStandardHelpOptions = true,
      description = "Run a chain's exact-dedup and near-dedup stages as shuffles.")
  static final class Dedup implements Callable<Integer> {
    @Mixin ChainJob job;

    @Override
    public Integer call() {
      return job.run("dedup",
          (spark, chain, in, out) -> new SparkDedup(spark).run(chain, in, out));
    }
  }

  /** What filter and dedup share: the flags, the checks before Spark starts, the summary. */
  static final class ChainJob {
    @Option(names = "--master", paramLabel = "URL", description = "Spark master, e.g. local[2].")
    String master;
    @Option(names = "--chain", required = true, paramLabel = "FILE") Path chain;
    @Option(names = "--in", required = true, paramLabel = "FILE") Path in;
    @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

    /** One chain job over the files. */
    interface Runner {
      Funnel run(SparkSession spark, Path chain, Path in, Path out);
    }

    int run(String name, Runner runner) {
      requireFile(in);
      requireFile(chain);
      try (SparkSession spark = session(master, name)) {
        Funnel f = runner.run(spark, chain, in, out);
        System.out.println("kept " + f.kept() + " of " + f.input() + " (" + f.invalidLines()
            + " invalid); funnel in " + out.resolve("funnel.json"));
        return 0;
      }
    }
  }
}
