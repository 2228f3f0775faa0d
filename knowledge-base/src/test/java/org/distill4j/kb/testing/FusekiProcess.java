package org.distill4j.kb.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Fuseki server in a child JVM (Jena's own {@code FusekiMainCmd} from the test class
 * path) with one updatable TDB2 dataset at {@code /kb}, stored in a fresh folder under the
 * test's folder and bound to 127.0.0.1 on a free port. {@link #close()} kills it. Tests use it as
 * a remote store exactly as a user's server would be; TDB2 rather than {@code --mem} because a
 * deployed store is persistent, and TDB2 writes some literals in canonical form (a double
 * {@code "0.9"} reads back as {@code 0.9e0}) just as the local store does.
 */
public final class FusekiProcess implements AutoCloseable {
  private static final String MAIN = "org.apache.jena.fuseki.main.cmds.FusekiMainCmd";
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final int port;
  private final Path log;

  private FusekiProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** A server with no authentication; its output goes to a log file in {@code dir}. */
  public static FusekiProcess start(Path dir) throws IOException, InterruptedException {
    return start(dir, List.of());
  }

  /**
   * A server that wants HTTP basic authentication as {@code user} with {@code password} on every
   * request.
   */
  public static FusekiProcess startWithBasicAuth(Path dir, String user, String password)
      throws IOException, InterruptedException {
    Path passwd = dir.resolve("fuseki-passwd");
    // Jetty's realm file: "user: password".
    Files.writeString(passwd, user + ": " + password + "\n", StandardCharsets.UTF_8);
    return start(dir, List.of("--passwd=" + passwd, "--auth=basic"));
  }

  private static FusekiProcess start(Path dir, List<String> extra)
      throws IOException, InterruptedException {
    IOException last = null;
    // A free port can be taken between finding and binding it: try a few.
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Path log = dir.resolve("fuseki-" + port + ".log");
      Path database = Files.createDirectories(dir.resolve("fuseki-" + port + "-tdb2"));
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          // Fuseki sets up log4j2 unless told a configuration exists; the test class path logs
          // through slf4j-nop, so any value will do.
          "-Dlog4j2.configurationFile=none", "-Xmx512m",
          // A short-lived test server: quick start matters more than peak speed.
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), MAIN,
          "--loc=" + database, "--update", "--localhost", "--ping", "--port=" + port));
      cmd.addAll(extra);
      cmd.add("/kb");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      FusekiProcess server = new FusekiProcess(p, port, log);
      try {
        server.awaitPing();
        return server;
      } catch (IOException e) {
        server.close();
        last = e;
      }
    }
    throw last;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitPing() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest ping = HttpRequest.newBuilder(URI.create(url("/$/ping")))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Fuseki exited with " + process.exitValue() + ": "
            + Files.readString(log));
      }
      try {
        // Any answer (200, or 401 behind authentication) means the server is up.
        http.send(ping, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IOException("Fuseki did not answer /$/ping within " + STARTUP + ": "
        + Files.readString(log));
  }

  /** The dataset URL: what {@code --endpoint} takes. */
  public String datasetUrl() {
    return url("/kb");
  }

  /** {@code path} on this server. */
  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** Kills the server (SIGTERM, then SIGKILL if it lingers) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
