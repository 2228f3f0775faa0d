package org.distill4j.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.distill4j.cli.CommandRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill generate} checks every input before it touches an existing run folder. */
class GenerateInputsFirstIT {
  private static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml");

  @TempDir Path dir;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      byte[] body = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
          + "\"1. to help\\n2. to be kind\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9,\"total_tokens\":59}}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, body.length);
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

  private CommandRun generate(Path seeds, Path out) {
    return CommandRun.of("generate", "--recipe", ATOMIC.toString(), "--seeds", seeds.toString(),
        "--field", "event=0", "--teacher", "openai", "--model", "m", "--base-url",
        "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "--out", out.toString(),
        "--samples", "1", "--progress", "none");
  }

  @Test
  void badSeedsExitTwoAndLeaveTheEarlierRunByteIdentical() throws IOException {
    Path seeds = Files.writeString(dir.resolve("events.txt"), "PersonX pays the bill\n");
    Path out = dir.resolve("run");
    CommandRun first = generate(seeds, out);
    assertThat(first.exitCode()).as(first.err()).isZero();
    Map<String, String> before = snapshot(out);

    CommandRun missing = generate(dir.resolve("nope.txt"), out);

    assertThat(missing.exitCode()).as(missing.err()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.txt").doesNotContain("\tat ");
    assertThat(snapshot(out)).isEqualTo(before);
  }

  @Test
  void badSeedsCreateNoRunFolder() {
    Path out = dir.resolve("fresh");
    CommandRun missing = generate(dir.resolve("nope.txt"), out);
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(out).doesNotExist();
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.toList()) {
        m.put(root.relativize(f).toString(), Files.isRegularFile(f)
            ? org.distill4j.core.hash.Sha256.hex(new String(Files.readAllBytes(f),
                StandardCharsets.ISO_8859_1))
            : "dir");
      }
    }
    return m;
  }
}
