package org.distill4j.generation.run;

import java.nio.file.Path;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.SeedFormat;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.generation.cost.CostSettings;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.teacher.TeacherConfig;

/**
 * Everything a generation run needs.
 *
 * @param recipe the loaded recipe (with any samples override already applied)
 * @param seeds the seed file
 * @param fieldMapping how seed columns become recipe inputs
 * @param teacher the teacher config (no key in it, only the variable's name)
 * @param runner concurrency, rate limits, retries
 * @param outDir the run folder
 * @param cacheDir the reply cache folder; {@code outDir/cache} when null
 * @param limit process at most this many seeds; 0 or less for all
 * @param seedFormat the seed file's format; from its extension when null
 * @param cost the teacher's price, the spending limit, the token counting; no price and no
 *     limit when null
 * @param batch how to use the teacher's batch API first; null to send every request one by one
 */
public record GenerationSettings(
    RecipeLoader.LoadedRecipe recipe,
    Path seeds,
    FieldMapping fieldMapping,
    TeacherConfig teacher,
    RunnerSettings runner,
    Path outDir,
    Path cacheDir,
    long limit,
    SeedFormat seedFormat,
    CostSettings cost,
    BatchSettings batch) {

  public GenerationSettings {
    fieldMapping = fieldMapping == null ? FieldMapping.identity() : fieldMapping;
    cacheDir = cacheDir == null ? outDir.resolve(org.distill4j.generation.run.GenerationFiles.CACHE) : cacheDir;
    cost = cost == null ? CostSettings.none(teacher) : cost;
  }

  /**
   * The settings of a plain run: the seed format taken from the file name, no price known, no
   * spending limit, no batch phase; add those with {@link #withCost} and {@link #withBatch}.
   */
  public GenerationSettings(RecipeLoader.LoadedRecipe recipe, Path seeds, FieldMapping fieldMapping,
      TeacherConfig teacher, RunnerSettings runner, Path outDir, Path cacheDir, long limit) {
    this(recipe, seeds, fieldMapping, teacher, runner, outDir, cacheDir, limit, null, null, null);
  }

  /** The same settings with this price, spending limit and token counting. */
  public GenerationSettings withCost(CostSettings newCost) {
    return new GenerationSettings(recipe, seeds, fieldMapping, teacher, runner, outDir, cacheDir,
        limit, seedFormat, newCost, batch);
  }

  /** The same settings with the teacher's batch API used first ({@code --batch}). */
  public GenerationSettings withBatch(BatchSettings newBatch) {
    return new GenerationSettings(recipe, seeds, fieldMapping, teacher, runner, outDir, cacheDir,
        limit, seedFormat, cost, newBatch);
  }

  /**
   * Opens the seed file with the configured format and field mapping; a table whose columns
   * lack one of the recipe's inputs is refused here, before any request is sent.
   */
  public SeedReader openSeeds() {
    SeedReader reader = seedFormat == null ? SeedReader.open(seeds, fieldMapping)
        : SeedReader.open(seeds, seedFormat, fieldMapping);
    try {
      reader.requireFields(recipe.recipe().inputs());
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
    return reader;
  }
}
