package org.distill4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.generation.run.GenerationFiles;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code distill generate} and a pipeline's generate stage are one stage: on the same seeds,
 * recipe and teacher they write the same records and side files with the same defaults, and an
 * error about a setting names the flag in one and the YAML key in the other.
 */
class OneGenerationStageIT {
  private static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml")
      .toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path seeds;

  @BeforeEach
  void start() throws IOException {
    // The reply depends on the prompt only, so both runs get the same answers in any order.
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("1. to help with "
        + Integer.toHexString(r.lastUser().hashCode()) + "\n2. to be kind\n"));
    seeds = dir.resolve("events.txt");
    Files.writeString(seeds, "PersonX pays the bill\nPersonX walks the dog\n\n"
        + "PersonX bakes bread\n");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void generateAndThePipelineStageWriteTheSameRunWithTheSameDefaults() throws IOException {
    Path cliRun = dir.resolve("cli");
    CommandRun generate = CommandRun.of("generate", "--recipe", ATOMIC.toString(), "--seeds",
        seeds.toString(), "--field", "event=0", "--teacher", "openai", "--model", "m",
        "--base-url", server.baseUrl(), "--samples", "2", "--out", cliRun.toString(),
        "--progress", "none");
    assertThat(generate.exitCode()).as(generate.err()).isZero();

    Path pipelineRun = dir.resolve("pipeline");
    CommandRun run = CommandRun.of("run", pipeline(pipelineRun, server.baseUrl()).toString(),
        "--progress", "none");
    assertThat(run.exitCode()).as(run.err()).isZero();

    assertThat(ids(pipelineRun.resolve(GenerationFiles.GENERATED)))
        .isNotEmpty().isEqualTo(ids(cliRun.resolve(GenerationFiles.GENERATED)));
    assertThat(keys(pipelineRun.resolve(GenerationFiles.FAILURES)))
        .isEqualTo(keys(cliRun.resolve(GenerationFiles.FAILURES)));
    for (String side : GenerationFiles.SIDE_FILES) {
      assertThat(Files.exists(pipelineRun.resolve(side))).as(side)
          .isEqualTo(Files.exists(cliRun.resolve(side))).isTrue();
    }
    assertThat(pipelineRun.resolve(GenerationFiles.CACHE)).isDirectory();
    assertThat(cliRun.resolve(GenerationFiles.CACHE)).isDirectory();
    assertThat(Files.readAllLines(pipelineRun.resolve(GenerationFiles.COMPLETED)))
        .containsExactlyInAnyOrderElementsOf(
            Files.readAllLines(cliRun.resolve(GenerationFiles.COMPLETED)));
    JsonNode fromCli = manifest(cliRun);
    JsonNode fromPipeline = manifest(pipelineRun);
    // The same defaults (concurrency, retries, rate limits) and the same teacher and counts.
    for (String field : List.of("runner", "teacher", "sampling", "counts", "identity")) {
      assertThat(fromPipeline.path(field)).as(field).isEqualTo(fromCli.path(field));
    }
    assertThat(fromCli.path("status").asText()).isEqualTo("complete");
  }

  @Test
  void aSettingErrorNamesTheFlagInTheCliAndTheKeyInThePipeline() throws IOException {
    String notAUrl = "http://";
    CommandRun generate = CommandRun.of("generate", "--recipe", ATOMIC.toString(), "--seeds",
        seeds.toString(), "--field", "event=0", "--teacher", "openai", "--model", "m",
        "--base-url", notAUrl, "--out", dir.resolve("cli").toString(), "--progress", "none");
    assertThat(generate.exitCode()).as(generate.err()).isEqualTo(2);
    assertThat(generate.err()).contains("error: --base-url \"http://\" is not a URL")
        .doesNotContain("teacher.base_url");

    Path file = pipeline(dir.resolve("pipeline"), notAUrl);
    CommandRun run = CommandRun.of("run", file.toString(), "--progress", "none");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    // Checked with the pipeline file, before any stage runs: the line of the teacher's URL.
    assertThat(run.err()).contains("error: " + file + ":")
        .contains(": teacher.base_url \"http://\" is not a URL")
        .doesNotContain("--base-url");
  }

  @Test
  void anUnreachableTeacherIsAdvisedByFlagOrKey() throws IOException {
    String closed = "http://127.0.0.1:9/v1";
    CommandRun generate = CommandRun.of("generate", "--recipe", ATOMIC.toString(), "--seeds",
        seeds.toString(), "--field", "event=0", "--teacher", "openai", "--model", "m",
        "--base-url", closed, "--out", dir.resolve("cli").toString(), "--progress", "none");
    assertThat(generate.exitCode()).as(generate.err()).isEqualTo(1);
    assertThat(generate.err()).contains("point --base-url at it");

    Path pipeline = pipeline(dir.resolve("pipeline"), closed);
    CommandRun run = CommandRun.of("run", pipeline.toString(), "--progress", "none");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("point teacher.base_url at it").contains(pipeline.toString())
        .doesNotContain("--base-url");
  }

  private Path pipeline(Path runDir, String baseUrl) throws IOException {
    Path file = dir.resolve(runDir.getFileName() + ".yaml");
    Files.writeString(file, """
        name: same
        run_dir: "%s"
        teacher: {provider: openai, model: m, base_url: "%s"}
        generate:
          recipe: "%s"
          seeds: "%s"
          fields: [event=0]
          samples: 2
        """.formatted(runDir, baseUrl, ATOMIC, seeds));
    return file;
  }

  private static JsonNode manifest(Path run) throws IOException {
    return JSON.readTree(run.resolve(GenerationFiles.MANIFEST).toFile());
  }

  private static List<String> ids(Path generated) throws IOException {
    return sorted(generated, "id");
  }

  private static List<String> keys(Path failures) throws IOException {
    return Files.exists(failures) ? sorted(failures, "key") : List.of();
  }

  private static List<String> sorted(Path jsonl, String field) throws IOException {
    List<String> values = new ArrayList<>();
    for (String line : Files.readAllLines(jsonl)) {
      values.add(JSON.readTree(line).path(field).asText());
    }
    values.sort(null);
    return values;
  }
}
