package org.distill4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.cli.CommandRun;
import org.distill4j.cli.options.ExitCodes;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline's {@code generate.max_cost}: the pipeline stops after the generate stage with exit
 * status 3, naming the key to raise; the report says why; the same pipeline with a higher limit
 * continues and sends only what was not answered.
 */
class RunCostLimitIT {
  private static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml")
      .toAbsolutePath().normalize();

  @TempDir Path dir;
  private FakeTeacherServer server;

  @BeforeEach
  void start() throws IOException {
    // 11 prompt + 7 completion tokens a reply: 0.18 at 10,000 per million tokens.
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("1. to help\n2. to be kind\n"));
    Files.writeString(dir.resolve("events.txt"),
        "PersonX pays the bill\nPersonX walks the dog\nPersonX bakes bread\n");
    Files.writeString(dir.resolve("prices.yaml"), """
        currency: USD
        models:
          - {provider: openai, model: m, input: 10000, output: 10000}
        """);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Path pipeline(double maxCost) throws IOException {
    return Files.writeString(dir.resolve("pipeline.yaml"), """
        name: cost-limit
        run_dir: run
        teacher: {provider: openai, model: m, base_url: "%s", timeout_seconds: 5}
        generate:
          recipe: %s
          seeds: events.txt
          fields: [event=0]
          samples: 1
          concurrency: 1
          max_cost: %s
        prices: prices.yaml
        """.formatted(server.baseUrl(), ATOMIC, maxCost));
  }

  @Test
  void thePipelineStopsAfterGenerateWithExitThreeAndContinuesWithAHigherLimit()
      throws IOException {
    CommandRun stopped = CommandRun.of("run", pipeline(0.5).toString(), "--progress", "none");

    assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(ExitCodes.STOPPED);
    // 0.18 a reply: the third reaches 0.5.
    assertThat(server.received()).hasSize(3);
    assertThat(stopped.err()).contains("stopped: generation stopped: max cost reached")
        .contains("18 requests were not sent").contains("higher generate.max_cost");
    assertThat(stopped.out()).contains("== generate").doesNotContain("generate: done");
    assertThat(Files.readString(dir.resolve("run/report.html")))
        .contains("Stopped: max cost reached").contains("requests skipped");

    CommandRun finished = CommandRun.of("run", pipeline(100).toString(), "--progress", "none");

    assertThat(finished.exitCode()).as(finished.err()).isZero();
    assertThat(server.received()).hasSize(21);
    assertThat(finished.out()).contains("generate: done");
  }
}
