package org.distill4j.bench.generation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that answers every request after a
 * fixed delay, for measuring the runner without a real model. Replies are JSON arrays of QA pairs
 * when the prompt asks for JSON, else a numbered list, so the parsers do real work.
 *
 * <p>Benchmarks run it as its own process ({@link TeacherProcess}, through {@link #main}): in the
 * benchmark's JVM its CPU would be charged to both sides and hide the runner's own overhead.
 * {@code GET /requests} answers how many chat requests it has served.
 */
final class LocalChatServer implements AutoCloseable {
  private static final byte[] LINES = ("""
      {"id":"b","object":"chat.completion","created":1,"model":"bench","choices":[{"index":0,
      "message":{"role":"assistant","content":"Here you go:\\n1. to finish the job\\n2. to be helpful\\n3. to rest\\n4. to go home\\n5. to eat"},
      "finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150}}
      """).replace("\n", "").getBytes(StandardCharsets.UTF_8);
  private static final String JSON_TEMPLATE = """
      {"id":"b","object":"chat.completion","created":1,"model":"bench","choices":[{"index":0,
      "message":{"role":"assistant","content":"```json\\n[{\\"question\\": \\"What is item %d about?\\", \\"answer\\": \\"a thing\\"},\\n {\\"question\\": \\"Who wrote %d?\\", \\"answer\\": \\"nobody\\"},]\\n```"},
      "finish_reason":"stop"}],"usage":{"prompt_tokens":200,"completion_tokens":40,"total_tokens":240}}
      """.replace("\n", "");

  private final HttpServer server;
  private final ExecutorService pool;
  private final long delayMillis;
  private final AtomicLong requests = new AtomicLong();

  LocalChatServer(long delayMillis, int threads) throws IOException {
    this.delayMillis = delayMillis;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.createContext("/requests", this::count);
    server.start();
  }

  /**
   * Serves until standard input closes (the parent benchmark exits or closes it); prints its base
   * URL as the first line of standard output. Arguments: delay in milliseconds, server threads.
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    long delay = args.length > 0 ? Long.parseLong(args[0]) : 0;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 128;
    try (LocalChatServer server = new LocalChatServer(delay, threads)) {
      System.out.println(server.baseUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // nothing to read: the parent never writes, it only closes
      }
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  long requests() {
    return requests.get();
  }

  private void count(HttpExchange ex) throws IOException {
    byte[] reply = Long.toString(requests.get()).getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, reply.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(reply);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      long n = requests.incrementAndGet();
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      boolean json = new String(body, StandardCharsets.UTF_8).contains("JSON");
      byte[] reply = json ? JSON_TEMPLATE.formatted(n, n).getBytes(StandardCharsets.UTF_8) : LINES;
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, reply.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
