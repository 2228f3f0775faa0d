package org.distill4j.kb.query;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that counts every request and answers with a SPARQL JSON
 * result holding a marker string, so a test can tell whether a query reached it and whether
 * what it sent leaked into an answer or an error.
 */
public final class LoopbackEndpoint implements AutoCloseable {
  public static final String MARKER = "FETCHED-FROM-OUTSIDE";
  private final HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();

  public LoopbackEndpoint() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      hits.incrementAndGet();
      byte[] body = ("{\"head\":{\"vars\":[\"x\"]},\"results\":{\"bindings\":[{\"x\":"
          + "{\"type\":\"literal\",\"value\":\"" + MARKER + "\"}}]}}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/sparql-results+json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public int hits() {
    return hits.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
