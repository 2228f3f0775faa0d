package org.distill4j.spark.generate;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.generation.Generation;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;

/**
 * What an executor needs to rebuild one partition's {@link GenerationSettings}: only plain,
 * serializable values travel, and the recipe is reloaded from its file (which, like the run
 * folder, must be on storage every executor mounts at the same path).
 *
 * @param recipeFile the recipe file
 * @param samples the samples override; 0 for the recipe's own
 * @param seedsFile the seed file (JSON Lines)
 * @param fieldSources the field mapping: recipe input to seed column
 * @param teacher the teacher's provider, model, base URL, key variable and timeout
 * @param concurrency requests in flight for the whole job, every executor together
 * @param requestsPerMinute the whole job's request rate limit; 0 for none
 * @param tokensPerMinute the whole job's token rate limit; 0 for none
 * @param retry attempts and delays, as the local run has them
 * @param runDir the run folder
 * @param cacheRoot the folder holding the partitions' reply caches ({@code --cache}); null for
 *     each partition's own folder
 * @param limit the first N seed rows only (blank lines are not rows), as locally; 0 for all
 * @param cost the price file, the whole job's spending limit and the tokenizer, as given
 */
public record GenerationPlan(
    String recipeFile, int samples, String seedsFile, LinkedHashMap<String, String> fieldSources,
    TeacherValues teacher, int concurrency, double requestsPerMinute, double tokensPerMinute,
    RetryValues retry, String runDir, String cacheRoot, long limit, CostValues cost)
    implements Serializable {

  /**
   * The plan of the local run these settings describe, priced with {@code cost} (the options the
   * settings' cost was resolved from). A batch phase is refused.
   */
  public static GenerationPlan of(GenerationSettings s, CostOptions cost) {
    if (s.batch() != null) {
      throw new IllegalArgumentException("spark generate takes no --batch yet");
    }
    RecipeLoader.LoadedRecipe loaded = s.recipe();
    if (loaded.file() == null) {
      throw new IllegalArgumentException("spark generate needs a recipe file that every executor"
          + " can read; this recipe was not loaded from one");
    }
    // A --samples override is the one change the loaded recipe can carry beyond its file.
    int samples = loaded.hash().equals(RecipeLoader.load(loaded.file()).hash())
        ? 0 : loaded.recipe().samplingParameters().samples();
    TeacherConfig t = s.teacher();
    RunnerSettings r = s.runner();
    RetryPolicy p = r.retry();
    return new GenerationPlan(loaded.file().toString(), samples, s.seeds().toString(),
        new LinkedHashMap<>(s.fieldMapping().sources()),
        new TeacherValues(t.provider(), t.model(), t.baseUrl(), t.apiKeyEnv(), t.timeoutSeconds()),
        r.concurrency(), r.requestsPerMinute(), r.tokensPerMinute(),
        new RetryValues(p.maxAttempts(), p.baseDelay().toMillis(), p.maxDelay().toMillis(),
            p.maxRetryAfter().toMillis()), s.outDir().toString(), cacheRoot(s),
        Math.max(0, s.limit()), CostValues.of(cost));
  }

  /** The user's cache folder, or null when the settings keep the default one in the run. */
  private static String cacheRoot(GenerationSettings s) {
    Path byDefault = s.outDir().resolve(org.distill4j.generation.run.GenerationFiles.CACHE);
    return s.cacheDir().toAbsolutePath().normalize()
        .equals(byDefault.toAbsolutePath().normalize()) ? null : s.cacheDir().toString();
  }

  /**
   * The settings of one partition out of {@code partitions}. The global concurrency and both
   * rate limits are divided evenly (rounded down, at least 1 in flight), so the executors
   * together never exceed what the teacher allows: 64 in flight over 4 partitions is 16 each.
   */
  public GenerationSettings partitionSettings(int partitions, Path partSeeds, Path partDir) {
    RecipeLoader.LoadedRecipe loaded = RecipeLoader.load(Path.of(recipeFile));
    if (samples > 0) {
      loaded = RecipeLoader.withSamples(loaded, samples);
    }
    RunnerSettings runner = new RunnerSettings(Math.max(1, concurrency / partitions),
        requestsPerMinute / partitions, tokensPerMinute / partitions, retry.policy());
    // A partition's seed file holds only rows within the limit, so its own run takes them all.
    Path cache = cacheRoot == null ? null : Path.of(cacheRoot).resolve(partDir.getFileName());
    TeacherConfig config = teacher.config();
    return new GenerationSettings(loaded, partSeeds, new FieldMapping(Map.copyOf(fieldSources)),
        config, runner, partDir, cache, 0)
        .withCost(Generation.costSettings(cost.share(partitions), config));
  }

  /**
   * {@link CostOptions}' values. The spending limit is the whole job's; each partition may spend
   * an equal share of it, as it gets an equal share of the concurrency.
   */
  public record CostValues(String prices, Double maxCost, String tokenizer)
      implements Serializable {
    static CostValues of(CostOptions o) {
      return new CostValues(o.prices() == null ? null : o.prices().toString(), o.maxCost(),
          o.tokenizer() == null ? null : o.tokenizer().toString());
    }

    /** The options of one partition out of {@code partitions}. */
    CostOptions share(int partitions) {
      return new CostOptions(prices == null ? null : Path.of(prices),
          maxCost == null ? null : maxCost / partitions,
          tokenizer == null ? null : Path.of(tokenizer));
    }
  }

  /** {@link TeacherConfig}'s values. */
  public record TeacherValues(String provider, String model, String baseUrl, String apiKeyEnv,
      Double timeoutSeconds) implements Serializable {
    TeacherConfig config() {
      return new TeacherConfig(provider, model, baseUrl, apiKeyEnv, timeoutSeconds);
    }
  }

  /** {@link RetryPolicy}'s values, in milliseconds. */
  public record RetryValues(int maxAttempts, long baseDelayMs, long maxDelayMs,
      long maxRetryAfterMs) implements Serializable {
    RetryPolicy policy() {
      return new RetryPolicy(maxAttempts, Duration.ofMillis(baseDelayMs),
          Duration.ofMillis(maxDelayMs), Duration.ofMillis(maxRetryAfterMs));
    }
  }
}
