package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.SettingException;
import org.distill4j.generation.run.GenerationStoppedException;
import org.distill4j.generation.run.ProgressListener;
import org.distill4j.teacher.price.Money;
import org.distill4j.teacher.testing.BatchTeacherServer;
import org.distill4j.teacher.testing.BatchTeacherServer.Answer;
import org.distill4j.teacher.testing.BatchTeacherServer.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch: true} in a pipeline's generate stage, as {@code distill generate --batch}. */
class PipelineBatchIT {
  private static final Path RECIPE = Path.of("..", "prompts", "commonsense-atomic.yaml")
      .toAbsolutePath().normalize();

  @TempDir Path dir;

  private Path pipeline(String provider, String baseUrl, String batch) throws Exception {
    Files.writeString(dir.resolve("events.txt"), "PersonX bakes bread\nPersonX misses the bus\n");
    // 1,000 per million tokens one by one, half through the batch API.
    Files.writeString(dir.resolve("prices.yaml"), """
        currency: USD
        batch_discount: 0.5
        models:
          - {provider: openai, model: m, input: 1000, output: 1000}
        """);
    Path file = dir.resolve("pipeline.yaml");
    Files.writeString(file, """
        name: batched
        run_dir: run
        prices: prices.yaml
        teacher: {provider: %s, model: m, base_url: "%s", timeout_seconds: 5}
        generate:
          recipe: %s
          seeds: events.txt
          fields: [event=0]
          samples: 1
        %s
        """.formatted(provider, baseUrl, RECIPE, batch));
    return file;
  }

  @Test
  void theGenerateStageGoesThroughTheBatchApiAndKeepsItsFingerprint() throws Exception {
    try (BatchTeacherServer server = new BatchTeacherServer(Dialect.OPENAI, null,
        body -> Answer.of("1. to help\n2. to be kind"))) {
      Path file = pipeline("openai", server.baseUrl(),
          "  batch: true\n  batch_poll_seconds: 0.01");
      List<String> progress = new ArrayList<>();
      Pipeline.RunLayout run = new Pipeline(PipelineConfig.read(file), PipelineListener.silent(),
          p -> {
            if (p.batch() != null) {
              progress.add(p.batch().toString());
            }
          }, line -> { }).run();

      assertThat(run.generated()).isNotEmptyFile();
      assertThat(server.jobsCreated()).isEqualTo(1);
      assertThat(server.syncCalls()).isZero();
      assertThat(progress).anyMatch(line -> line.startsWith("batch 1/1 completed"));
      assertThat(run.dir().resolve("batches.json")).exists();
      // The report shows the batch answers and their spend: 11 + 7 tokens each at 500 per
      // million.
      long answers = CorpusJson.json().readTree(run.dir().resolve("manifest.json").toFile())
          .path("batch").path("batchRequests").asLong();
      assertThat(answers).isPositive();
      assertThat(Files.readString(run.report())).contains("batch answers")
          .contains(Money.format(answers * 0.009, "USD"))
          .contains("at the batch price");

      // How the records were paid for is no part of what they are: without the batch the
      // stage is done already.
      List<String> events = new ArrayList<>();
      Path plain = pipeline("openai", server.baseUrl(), "");
      new Pipeline(PipelineConfig.read(plain), new PipelineListener() {
        @Override
        public void started(String stage) {
          events.add("started " + stage);
        }

        @Override
        public void skipped(String stage) {
          events.add("skipped " + stage);
        }

        @Override
        public void finished(String stage, double seconds) {
          events.add("finished " + stage);
        }
      }, ProgressListener.none(), line -> { }).run();
      assertThat(events).containsExactly("skipped generate");
    }
  }

  @Test
  void aTeacherWithoutABatchApiIsRefusedNamingTheKey() throws Exception {
    Path file = pipeline("ollama", "http://127.0.0.1:9", "  batch: true");
    assertThatThrownBy(() -> new Pipeline(PipelineConfig.read(file), PipelineListener.silent(),
        ProgressListener.none(), line -> { }).run())
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("generate.batch works with openai and anthropic");
  }

  @Test
  void aCostLimitTooLowForAnyBatchJobSubmitsNothingAndStopsTheStage() throws Exception {
    try (BatchTeacherServer server = new BatchTeacherServer(Dialect.OPENAI, null,
        body -> Answer.of("1. to help\n2. to be kind"))) {
      // A prompt's one sample may cost up to 200 completion tokens at 500 per million: 0.1.
      Path file = pipeline("openai", server.baseUrl(),
          "  batch: true\n  batch_poll_seconds: 0.01\n  max_cost: 0.05");
      PipelineConfig config = PipelineConfig.read(file);
      assertThatThrownBy(() -> new Pipeline(config, PipelineListener.silent(),
          ProgressListener.none(), line -> { }).run())
          .isInstanceOf(GenerationStoppedException.class)
          .hasMessageContaining("requests held back from the batch jobs")
          .hasMessageContaining("generate.max_cost");

      assertThat(server.jobsCreated()).isZero();
      assertThat(server.syncCalls()).isZero();
      assertThat(Files.readString(config.runDir().resolve("report.html")))
          .contains("Stopped: max cost: requests held back from the batch jobs");
    }
  }
}
