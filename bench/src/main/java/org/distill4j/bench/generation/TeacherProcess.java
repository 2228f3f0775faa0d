package org.distill4j.bench.generation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in teacher ({@link LocalChatServer}) in a child JVM on the same classpath, reached over
 * loopback. Its CPU is then the child's, not the benchmark process's, so the CPU per request the
 * benchmarks report is the client side's alone; and the child is killed with the parent.
 */
public final class TeacherProcess implements AutoCloseable {
  private final Process process;
  private final String baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  public TeacherProcess(long delayMillis, int threads) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = new ProcessBuilder(List.of(java, "-Xmx512m", "-cp",
        System.getProperty("java.class.path"), LocalChatServer.class.getName(),
        Long.toString(delayMillis), Integer.toString(threads)))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("http://127.0.0.1:")) {
      process.destroyForcibly();
      throw new IOException("the stand-in teacher process did not start (first line: " + line
          + ")");
    }
    baseUrl = line;
  }

  public String baseUrl() {
    return baseUrl;
  }

  /** Chat requests the child has served so far. */
  public long requests() {
    try {
      String root = baseUrl.substring(0, baseUrl.length() - "/v1".length());
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(root + "/requests"))
          .build(), HttpResponse.BodyHandlers.ofString());
      return Long.parseLong(r.body().trim());
    } catch (IOException e) {
      throw new IllegalStateException("cannot ask the stand-in teacher for its count", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
