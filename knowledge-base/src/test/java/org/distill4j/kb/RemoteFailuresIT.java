package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.remote.RemoteEndpoint;
import org.distill4j.kb.remote.RemoteStore;
import org.distill4j.kb.remote.RemoteStoreException;
import org.distill4j.kb.testing.FusekiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the server refuses, fails, hangs or is not there. */
class RemoteFailuresIT {
  @TempDir Path tmp;

  private Path corpus() throws Exception {
    return Fixtures.write(tmp.resolve("corpus.jsonl"), Fixtures.records(12));
  }

  /** A real HTTP server answering every request with {@code status} and {@code body}. */
  private static HttpServer answering(int status, String body, List<String> authorizations)
      throws Exception {
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
      exchange.getRequestBody().readAllBytes();
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/kb";
  }

  @Test
  void aServerErrorNamesTheBatchTheStatusAndTheServersWordsButNotTheToken() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = answering(500, "Error 500: the dataset is read-only\n\n<html>...",
        seen);
    try {
      RemoteEndpoint endpoint = RemoteEndpoint.fromSettings(url(server), "KB_TOKEN", null, null,
          RemoteEndpoint.DEFAULT_TIMEOUT, Map.of("KB_TOKEN", "s3cret-token")::get);
      assertThat(endpoint.toString()).doesNotContain("s3cret").contains("bearer token");
      assertThatThrownBy(() -> Ingest.remote(endpoint, List.of(corpus()),
          RemoteStoreIT.job(tmp, 5)))
          .isInstanceOfSatisfying(RemoteStoreException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.getMessage())
                .startsWith(tmp.resolve("corpus.jsonl") + ":1: the batch starting here (5"
                    + " records) was not stored; rerun the same command to finish")
                .contains(url(server) + ": reading 5 records failed with HTTP 500: Error 500:"
                    + " the dataset is read-only <html>...")
                .doesNotContain("s3cret");
          });
      assertThat(seen).containsExactly("Bearer s3cret-token");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void basicAuthenticationAgainstFuseki() throws Exception {
    Path corpus = corpus();
    try (FusekiProcess fuseki = FusekiProcess.startWithBasicAuth(tmp, "loader", "pa55word")) {
      RemoteEndpoint none = RemoteEndpoint.open(fuseki.datasetUrl());
      assertThatThrownBy(() -> Ingest.remote(none, List.of(corpus), RemoteStoreIT.job(tmp, 5)))
          .isInstanceOfSatisfying(RemoteStoreException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("HTTP 401 (credentials missing or refused");
            assertThat(e.renderedAs(s -> "--" + s.replace('_', '-')))
                .contains("--endpoint-token-env").contains("--endpoint-user");
          });
      RemoteEndpoint wrong = RemoteEndpoint.fromSettings(fuseki.datasetUrl(), null, "loader",
          "PW", RemoteEndpoint.DEFAULT_TIMEOUT, Map.of("PW", "guess")::get);
      assertThatThrownBy(() -> RemoteStore.connect(wrong).recordCount())
          .isInstanceOfSatisfying(RemoteStoreException.class,
              e -> assertThat(e.status()).isEqualTo(401));

      RemoteEndpoint right = RemoteEndpoint.fromSettings(fuseki.datasetUrl(), null, "loader",
          "PW", RemoteEndpoint.DEFAULT_TIMEOUT, Map.of("PW", "pa55word")::get);
      assertThat(Ingest.remote(right, List.of(corpus), RemoteStoreIT.job(tmp, 5)).report()
          .added()).isEqualTo(12);
      assertThat(RemoteStore.connect(right).recordCount()).isEqualTo(12);
    }
  }

  @Test
  void noServerAndAHangingServerEachEndWithTheReason() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    RemoteStore nowhere = RemoteStore.connect(
        RemoteEndpoint.open("http://127.0.0.1:" + closed + "/kb"));
    assertThatThrownBy(nowhere::recordCount).hasMessageContaining("cannot connect");

    CountDownLatch release = new CountDownLatch(1);
    HttpServer hanging = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    hanging.createContext("/", exchange -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    hanging.start();
    try {
      RemoteStore slow = RemoteStore.connect(
          new RemoteEndpoint(url(hanging), null, Duration.ofSeconds(1)));
      assertThatThrownBy(slow::recordCount)
          .hasMessageContaining("got no answer within 1 s; raise endpoint_timeout");
    } finally {
      release.countDown();
      hanging.stop(0);
    }
  }
}
