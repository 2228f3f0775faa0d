package org.distill4j.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.distill4j.cli.CommandRun;
import org.distill4j.cli.ListingTeacher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill generate} checks every input before it touches an existing run folder. */
class GenerateInputsFirstIT {
  @TempDir Path dir;
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      ListingTeacher.answer(ex);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private CommandRun generate(Path seeds, Path out) {
    return CommandRun.of(ListingTeacher.generateArgs(seeds, out, server.getAddress().getPort()));
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
