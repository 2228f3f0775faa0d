package org.distill4j.pipeline;

import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.teacher.price.PriceTable;
import org.distill4j.training.config.StudentConfig;

/**
 * Reads every input file a pipeline's stages will read, before the first stage starts: a broken
 * recipe, seed file, filter chain, price file or student config is bad input (exit 2) found before anything
 * in the run folder is written, not a failure half way through the run.
 */
public final class PipelineInputs {
  private PipelineInputs() {}

  /** Throws the first problem as an {@link org.distill4j.core.io.InputException}. */
  public static void check(PipelineConfig config) {
    PipelineConfig.Generate generate = config.generate();
    if (generate != null) {
      RecipeLoader.LoadedRecipe recipe = RecipeLoader.load(generate.recipe());
      try (SeedReader seeds = SeedReader.open(generate.seeds(),
          FieldMapping.parse(generate.fields()))) {
        seeds.requireFields(recipe.recipe().inputs());
      }
    }
    if (config.filter() != null) {
      ChainConfig.read(config.filter().chain());
    }
    if (config.prices() != null) {
      PriceTable.withUserFile(config.prices());
    }
    if (config.train() != null) {
      StudentConfig.read(config.train().config());
    }
  }
}
