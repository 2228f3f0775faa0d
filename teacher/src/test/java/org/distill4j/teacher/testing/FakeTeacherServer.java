package org.distill4j.teacher.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions API (and Ollama's
 * /api/chat), scripted per request by a function. Records every request body it receives.
 */
public final class FakeTeacherServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Without it the JDK server's replies wait for delayed ACKs (~40 ms each).
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** What the server does with one request. */
  public sealed interface Reply {
    /** A 200 with a chat completion. */
    record Ok(String content, String finishReason, boolean usage, long delayMillis) implements Reply {}
    /** An error status with optional headers and body. */
    record Error(int status, Map<String, String> headers, String body) implements Reply {}
    /** A raw 200 body (e.g. malformed JSON). */
    record Raw(String body) implements Reply {}
    /** Close the connection without answering. */
    record Reset() implements Reply {}
    /** Never answer (until the server stops). */
    record Hang() implements Reply {}
  }

  /** One received request. */
  public record Received(String path, JsonNode body, int index) {
    /** The text of the last user message. */
    public String lastUser() {
      JsonNode messages = body.path("messages");
      return messages.get(messages.size() - 1).path("content").asText();
    }
  }

  public static Reply ok(String content) {
    return new Reply.Ok(content, "stop", true, 0);
  }

  /**
   * A 200 whose reply is {@code tokens} joined, with OpenAI-style {@code logprobs}: each token
   * with its UTF-8 {@code bytes} and {@code k} alternatives (itself first, then {@code
   * token + "~" + j}) at log-probabilities -0.1, -1.1, -2.1 ...
   */
  public static Reply logprobs(List<String> tokens, int k) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-test").put("object", "chat.completion").put("model", "test-model");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", String.join("", tokens));
    var content = choice.putObject("logprobs").putArray("content");
    for (String t : tokens) {
      ObjectNode entry = tokenEntry(content.addObject(), t, -0.1);
      var top = entry.putArray("top_logprobs");
      for (int j = 0; j < k; j++) {
        tokenEntry(top.addObject(), j == 0 ? t : t + "~" + j, -0.1 - j);
      }
    }
    choice.put("finish_reason", "stop");
    root.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", tokens.size())
        .put("total_tokens", 11 + tokens.size());
    return new Reply.Raw(root.toString());
  }

  private static ObjectNode tokenEntry(ObjectNode entry, String token, double logprob) {
    entry.put("token", token).put("logprob", logprob);
    var bytes = entry.putArray("bytes");
    for (byte b : token.getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b & 0xff);
    }
    return entry;
  }

  private final HttpServer server;
  private final ExecutorService pool;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile Function<Received, Reply> script;
  private volatile boolean ollama;

  public FakeTeacherServer(Function<Received, Reply> script) throws IOException {
    this(script, 32);
  }

  public FakeTeacherServer(Function<Received, Reply> script, int threads) throws IOException {
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "fake-teacher");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Speak Ollama's /api/chat format instead of OpenAI's. */
  public FakeTeacherServer ollama() {
    this.ollama = true;
    return this;
  }

  public void script(Function<Received, Reply> script) {
    this.script = script;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + (ollama ? "" : "/v1");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public List<Received> received() {
    return received;
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
      Received r;
      synchronized (received) {
        r = new Received(ex.getRequestURI().getPath(), body, received.size());
        received.add(r);
      }
      Reply reply = script.apply(r);
      if (reply instanceof Reply.Ok ok) {
        if (ok.delayMillis() > 0) {
          Thread.sleep(ok.delayMillis());
        }
        send(ex, 200, Map.of(), ollama ? ollamaBody(body, ok) : openAiBody(body, ok));
      } else if (reply instanceof Reply.Error err) {
        send(ex, err.status(), err.headers(), err.body() == null
            ? "{\"error\":{\"message\":\"scripted " + err.status() + "\"}}" : err.body());
      } else if (reply instanceof Reply.Raw raw) {
        send(ex, 200, Map.of(), raw.body());
      } else if (reply instanceof Reply.Hang) {
        Thread.sleep(60_000);
      }
      // Reply.Reset: closing the exchange before any response drops the connection.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
      ex.close();
    }
  }

  private static void send(HttpExchange ex, int status, Map<String, String> headers, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String openAiBody(JsonNode request, Reply.Ok ok) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-test");
    root.put("object", "chat.completion");
    root.put("created", 1700000000L);
    root.put("model", request.path("model").asText());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode msg = choice.putObject("message");
    msg.put("role", "assistant");
    if (ok.content() == null) {
      msg.putNull("content");
    } else {
      msg.put("content", ok.content());
    }
    choice.put("finish_reason", ok.finishReason());
    if (ok.usage()) {
      ObjectNode usage = root.putObject("usage");
      usage.put("prompt_tokens", 11);
      usage.put("completion_tokens", 7);
      usage.put("total_tokens", 18);
    }
    return root.toString();
  }

  private static String ollamaBody(JsonNode request, Reply.Ok ok) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", request.path("model").asText());
    root.put("created_at", "2026-01-01T00:00:00Z");
    ObjectNode msg = root.putObject("message");
    msg.put("role", "assistant");
    msg.put("content", ok.content() == null ? "" : ok.content());
    root.put("done", true);
    root.put("done_reason", "length".equals(ok.finishReason()) ? "length" : "stop");
    if (ok.usage()) {
      root.put("prompt_eval_count", 11);
      root.put("eval_count", 7);
    }
    return root.toString();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
