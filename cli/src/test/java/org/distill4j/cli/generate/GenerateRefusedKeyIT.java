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
import java.util.stream.Stream;
import org.distill4j.cli.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A teacher that refuses the key and echoes it back: the run stops early with exit 1, the key is
 * nowhere in the output or the folder, and the same command resumes once the key is accepted.
 */
class GenerateRefusedKeyIT {
  private static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml");
  /** The test's "key": an environment variable every process has, so no secret is needed. */
  private static final String KEY_ENV = "PATH";

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean refuse = true;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      int status = refuse ? 401 : 200;
      byte[] body = (refuse
          ? "{\"error\":{\"message\":\"Incorrect API key provided: " + auth.replace("Bearer ", "")
              + " (you sent Authorization: " + auth + ")\",\"type\":\"invalid_request_error\"}}"
          : "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
              + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
              + "\"1. to help\\n2. to be kind\"},\"finish_reason\":\"stop\"}],"
              + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9,\"total_tokens\":59}}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aRefusedKeyStopsEarlyWithExitOneAndTheRunResumesOnceItIsAccepted() throws IOException {
    Path seeds = Files.writeString(dir.resolve("events.txt"),
        "PersonX pays the bill\nPersonX walks the dog\nPersonX bakes bread\n");
    Path out = dir.resolve("run");
    String[] args = {"generate", "--recipe", ATOMIC.toString(), "--seeds", seeds.toString(),
        "--field", "event=0", "--teacher", "openai", "--model", "m", "--base-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "--api-key-env", KEY_ENV,
        "--out", out.toString(), "--samples", "1", "--concurrency", "2", "--progress", "none"};
    String key = System.getenv(KEY_ENV);

    CommandRun refused = CommandRun.of(args);

    assertThat(refused.exitCode()).as(refused.err()).isEqualTo(1);
    assertThat(refused.err()).contains("refused the API key in " + KEY_ENV)
        .doesNotContain(key).doesNotContain("\tat ");
    // 3 seeds x 7 relations = 21 requests; only those already in flight were refused.
    assertThat(requests.get()).isBetween(1, 4);
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("cache")).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(key);
      }
    }

    refuse = false;
    CommandRun resumed = CommandRun.of(args);
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("21 requests: 21 ok, 0 failed");
  }
}
