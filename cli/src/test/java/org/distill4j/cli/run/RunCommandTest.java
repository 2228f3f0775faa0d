package org.distill4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  @Test
  void whenNoTeacherAnswersItStopsInSecondsAndSaysHowToStartOne() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("events.txt"), "PersonX runs\n");
    Path pipeline = dir.resolve("p.yaml");
    Files.writeString(pipeline, """
        name: down
        run_dir: run
        teacher: {provider: ollama, model: llama3.2, base_url: "http://127.0.0.1:%d"}
        generate:
          recipe: %s
          seeds: events.txt
          fields: [event=0]
        """.formatted(port, Path.of("..", "prompts", "commonsense-atomic.yaml")
        .toAbsolutePath().normalize()));
    long start = System.nanoTime();
    CommandRun run = CommandRun.of("run", pipeline.toString(), "--progress", "none");
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the ollama teacher at http://127.0.0.1:" + port)
        .contains("ollama serve").doesNotContain("\tat ")
        .contains("point teacher.base_url at").doesNotContain("--base-url");
  }

  @Test
  void aBrokenPipelineFileIsBadInputNamingTheFileAndField() throws Exception {
    Path pipeline = dir.resolve("bad.yaml");
    Files.writeString(pipeline, "name: x\ngenerate: {recipe: r.yaml, seeds: s.txt}\n");
    CommandRun run = CommandRun.of("run", pipeline.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(pipeline.toString()).contains("\"teacher\" is missing");
  }

  @Test
  void helpExplainsResumingAndTheOutputs() {
    CommandRun run = CommandRun.of("run", "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replaceAll("\\s+", " ")).contains("continues where it stopped")
        .contains("report.html")
        .contains("ollama serve");
  }
}
