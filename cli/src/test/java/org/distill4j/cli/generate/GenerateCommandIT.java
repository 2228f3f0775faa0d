package org.distill4j.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.cli.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill generate} end to end against a chat-completions server on 127.0.0.1. */
class GenerateCommandIT {
  private static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml");

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private Path seeds;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      int n = requests.incrementAndGet();
      byte[] body = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
          + "\"1. to help " + n + "\\n2. to be kind\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9,\"total_tokens\":59}}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    seeds = dir.resolve("events.txt");
    Files.writeString(seeds, "PersonX pays the bill\nPersonX walks the dog\nPersonX bakes bread\n");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  @Test
  void dryRunShowsPromptsAndCountsAndSendsNothing() {
    CommandRun run = CommandRun.of("generate", "--recipe", ATOMIC.toString(), "--seeds",
        seeds.toString(), "--field", "event=0", "--out", dir.resolve("run").toString(),
        "--dry-run", "--limit", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Event: PersonX pays the bill").contains("[system]")
        .contains("dry run: 2 seeds (0 unusable) -> 14 requests; nothing was sent");
    assertThat(requests.get()).isZero();
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void generateWritesRecordsManifestAndResumesForFree() throws IOException {
    String[] args = {"generate", "--recipe", ATOMIC.toString(), "--seeds", seeds.toString(),
        "--field", "event=0", "--teacher", "openai", "--model", "m", "--base-url", baseUrl(),
        "--api-key-env", "PATH", "--out", dir.resolve("run").toString(), "--concurrency", "4",
        "--samples", "2", "--progress", "lines"};
    CommandRun first = CommandRun.of(args);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("complete: 3 seeds (0 unusable) -> 42 requests: 42 ok, 0 failed");
    assertThat(requests.get()).isEqualTo(42);
    assertThat(first.err()).contains("generate: 42/42 requests");
    String manifest = Files.readString(dir.resolve("run").resolve("manifest.json"));
    // The key's variable is named, its value (here $PATH) never written.
    assertThat(manifest).contains("\"api_key_env\" : \"PATH\"").doesNotContain(System.getenv("PATH"));
    assertThat(Files.readAllLines(dir.resolve("run").resolve("generated.jsonl")))
        .hasSize(3 * 7 * 3); // per prompt: 2 distinct + 1 shared item over 2 samples

    CommandRun again = CommandRun.of(args);
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("teacher: 0 requests sent").contains("(42 resumed)");
    assertThat(requests.get()).isEqualTo(42);
  }

  @Test
  void anUnreachableTeacherFailsFastSayingHowToStartOne() {
    long t0 = System.nanoTime();
    CommandRun run = CommandRun.of("generate", "--recipe", ATOMIC.toString(), "--seeds",
        seeds.toString(), "--field", "event=0", "--teacher", "ollama", "--model", "llama3.2",
        "--base-url", "http://127.0.0.1:9", "--out", dir.resolve("run").toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach the ollama teacher").contains("ollama serve");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void badInputExitsTwoNamingTheFile() throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "id: x\nversion: 1\nkind: poem\nuser: hi\n");
    CommandRun run = CommandRun.of("generate", "--recipe", bad.toString(), "--seeds",
        seeds.toString(), "--out", dir.resolve("run").toString(), "--dry-run");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("bad.yaml").contains("poem");
    CommandRun noModel = CommandRun.of("generate", "--recipe", ATOMIC.toString(), "--seeds",
        seeds.toString(), "--field", "event=0", "--teacher", "openai", "--out",
        dir.resolve("run2").toString());
    assertThat(noModel.exitCode()).isEqualTo(2);
    assertThat(noModel.err()).contains("--model");
  }
}
