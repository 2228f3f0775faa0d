package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.price.PriceTable;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.run.DryRun;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.training.config.StudentConfig;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped example pipeline loads, and its seeds render into teacher requests. */
class ExamplePipelinesTest {
  @TempDir Path dir;

  static Stream<Path> pipelines() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", "pipelines"))) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).hasSize(4);
      return yaml.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("pipelines")
  void loadsAndRendersEverySeed(Path file) {
    PipelineConfig config = PipelineConfig.read(file);
    assertThat(config.teacher().providerKind().id()).isEqualTo("ollama");
    // The local teacher is declared free, so the report shows its cost as 0, not unknown.
    assertThat(PriceTable.withUserFile(config.prices())
        .find(config.teacher().provider(), config.teacher().model()))
        .hasValueSatisfying(p -> assertThat(p.price().free()).isTrue());

    ChainConfig chain = ChainConfig.read(config.filter().chain());
    try (ChainConfig.Chain stages = chain.stages(config.filter().chain().getParent())) {
      assertThat(stages.stages()).isNotEmpty();
    }
    assertThat(StudentConfig.read(config.train().config()).student())
        .isEqualTo(org.distill4j.training.config.StudentType.GENERATIVE);

    var g = config.generate();
    GenerationSettings settings = new GenerationSettings(RecipeLoader.load(g.recipe()),
        g.seeds(), FieldMapping.parse(g.fields()), config.teacher(), RunnerSettings.of(1),
        dir.resolve("run"), null, 0);
    DryRun dry = new GenerationRun(settings, null, null).dryRun(1);
    assertThat(dry.badSeeds()).isZero();
    assertThat(dry.seeds()).isGreaterThanOrEqualTo(5);
    assertThat(dry.requests()).isGreaterThanOrEqualTo(dry.seeds());
    assertThat(dry.firstPrompts()).isNotEmpty();
  }
}
