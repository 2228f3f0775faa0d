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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 that speaks a teacher's synchronous chat endpoint and its
 * batch endpoints, in OpenAI's dialect ({@code /v1/chat/completions}, {@code /v1/files},
 * {@code /v1/batches}) or Anthropic's ({@code /v1/messages}, {@code /v1/messages/batches}).
 * Both paths answer a request body through the same script, so a batched run and a
 * synchronous one get the same replies. It checks what real servers check (the key, the
 * purpose, the endpoint, unique custom ids, the fields each entry needs) and refuses with 400
 * or 401 otherwise. Jobs end after a few polls; {@link #fate} decides per request whether a
 * job answers it, errors it, or lets it expire.
 */
public final class BatchTeacherServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** Whose API the server speaks. */
  public enum Dialect { OPENAI, ANTHROPIC }

  /** What a job does with one request. */
  public enum Fate { ANSWER, ERROR, EXPIRE }

  /**
   * A scripted reply: text and whether it was cut at the token limit.
   *
   * @param cut true for a reply cut at max tokens ({@code length} / {@code max_tokens})
   */
  public record Answer(String text, boolean cut) {
    public static Answer of(String text) {
      return new Answer(text, false);
    }
  }

  /** One request the server received. */
  public record Call(String method, String path) {}

  private final Dialect dialect;
  private final String key;
  private final HttpServer server;
  private final ExecutorService pool;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<JsonNode> chatBodies = new CopyOnWriteArrayList<>();
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final Map<String, FakeBatchJob> jobs = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Function<JsonNode, Answer> script;
  volatile Function<JsonNode, Fate> fate = body -> Fate.ANSWER;
  volatile int pollsBeforeEnd = 2;

  /**
   * @param key the API key the server accepts (Bearer for OpenAI, x-api-key for Anthropic);
   *     null for any (a local server)
   * @param script the reply to a chat request body, the same for both paths
   */
  public BatchTeacherServer(Dialect dialect, String key, Function<JsonNode, Answer> script)
      throws IOException {
    this.dialect = dialect;
    this.key = key;
    this.script = script;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    this.pool = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "fake-batch-teacher");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Decides per request body what a job does with it; all are answered by default. */
  public BatchTeacherServer fate(Function<JsonNode, Fate> fate) {
    this.fate = fate;
    return this;
  }

  /** How many polls a job stays in progress before it ends. */
  public BatchTeacherServer pollsBeforeEnd(int polls) {
    this.pollsBeforeEnd = polls;
    return this;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** How many requests had this method and a path starting with {@code pathPrefix}. */
  public long count(String method, String pathPrefix) {
    return calls.stream().filter(c -> c.method().equals(method)
        && c.path().startsWith(pathPrefix)).count();
  }

  /** The chat requests answered synchronously. */
  public long syncCalls() {
    String path = dialect == Dialect.OPENAI ? "/v1/chat/completions" : "/v1/messages";
    return calls.stream().filter(c -> c.method().equals("POST") && c.path().equals(path)).count();
  }

  /** The jobs created. */
  public long jobsCreated() {
    return count("POST", dialect == Dialect.OPENAI ? "/v1/batches" : "/v1/messages/batches");
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    calls.add(new Call(method, path));
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (!authorized(ex)) {
        send(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
        return;
      }
      Reply r = route(ex, method, path, body);
      send(ex, r.status(), r.body());
    } catch (RuntimeException e) {
      send(ex, 400, "{\"error\":{\"message\":" + JSON.writeValueAsString(String.valueOf(
          e.getMessage())) + "}}");
    } finally {
      ex.close();
    }
  }

  record Reply(int status, String body) {
    static Reply ok(JsonNode body) {
      return new Reply(200, body.toString());
    }
  }

  private Reply route(HttpExchange ex, String method, String path, byte[] body)
      throws IOException {
    if (dialect == Dialect.OPENAI) {
      if (method.equals("POST") && path.equals("/v1/chat/completions")) {
        return Reply.ok(chatReply(synchronous(body)));
      }
      if (method.equals("POST") && path.equals("/v1/files")) {
        return Reply.ok(OpenAiFiles.upload(this, ex.getRequestHeaders().getFirst(
            "Content-Type"), body, "file-" + ids.incrementAndGet()));
      }
      if (method.equals("POST") && path.equals("/v1/batches")) {
        return Reply.ok(FakeBatchJob.createOpenAi(this, JSON.readTree(body),
            "batch_" + ids.incrementAndGet()));
      }
      if (method.equals("GET") && path.startsWith("/v1/batches/")) {
        return Reply.ok(job(path.substring("/v1/batches/".length())).pollOpenAi());
      }
      if (method.equals("GET") && path.startsWith("/v1/files/") && path.endsWith("/content")) {
        String id = path.substring("/v1/files/".length(), path.length() - "/content".length());
        byte[] content = files.get(id);
        return content == null ? new Reply(404, "{\"error\":{\"message\":\"no file\"}}")
            : new Reply(200, new String(content, StandardCharsets.UTF_8));
      }
    } else {
      if (ex.getRequestHeaders().getFirst("anthropic-version") == null) {
        throw new IllegalArgumentException("anthropic-version header is missing");
      }
      if (method.equals("POST") && path.equals("/v1/messages")) {
        return Reply.ok(chatReply(synchronous(body)));
      }
      if (method.equals("POST") && path.equals("/v1/messages/batches")) {
        return Reply.ok(FakeBatchJob.createAnthropic(this, JSON.readTree(body),
            "msgbatch_" + ids.incrementAndGet()));
      }
      String prefix = "/v1/messages/batches/";
      if (method.equals("GET") && path.startsWith(prefix) && path.endsWith("/results")) {
        String id = path.substring(prefix.length(), path.length() - "/results".length());
        return new Reply(200, job(id).anthropicResults());
      }
      if (method.equals("GET") && path.startsWith(prefix)) {
        return Reply.ok(job(path.substring(prefix.length())).pollAnthropic(baseUrl()));
      }
    }
    return new Reply(404, "{\"error\":{\"message\":\"no route " + method + " " + path + "\"}}");
  }

  private JsonNode synchronous(byte[] body) throws IOException {
    JsonNode request = JSON.readTree(body);
    chatBodies.add(request);
    return request;
  }

  /** The bodies of the chat requests answered synchronously, in order. */
  public List<JsonNode> chatBodies() {
    return List.copyOf(chatBodies);
  }

  private FakeBatchJob job(String id) {
    FakeBatchJob job = jobs.get(id);
    if (job == null) {
      throw new IllegalArgumentException("no batch " + id);
    }
    return job;
  }

  private boolean authorized(HttpExchange ex) {
    if (key == null) {
      return true;
    }
    if (dialect == Dialect.OPENAI) {
      return ("Bearer " + key).equals(ex.getRequestHeaders().getFirst("Authorization"));
    }
    return key.equals(ex.getRequestHeaders().getFirst("x-api-key"));
  }

  /** The reply to a chat request body in this server's dialect. */
  ObjectNode chatReply(JsonNode request) {
    if (!request.path("messages").isArray() || request.path("model").asText("").isEmpty()) {
      throw new IllegalArgumentException("a chat request needs model and messages");
    }
    Answer a = script.apply(request);
    return dialect == Dialect.OPENAI ? openAiCompletion(request, a) : anthropicMessage(request, a);
  }

  private static ObjectNode openAiCompletion(JsonNode request, Answer a) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "chatcmpl-test").put("object", "chat.completion").put("created", 1700000000L)
        .put("model", request.path("model").asText());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", a.text());
    if (request.path("logprobs").asBoolean(false)) {
      var content = choice.putObject("logprobs").putArray("content");
      int k = request.path("top_logprobs").asInt(1);
      for (String token : a.text().split("(?<= )")) {
        ObjectNode entry = content.addObject().put("token", token).put("logprob", -0.5);
        var top = entry.putArray("top_logprobs");
        for (int j = 0; j < k; j++) {
          top.addObject().put("token", j == 0 ? token : token + "~" + j).put("logprob", -0.5 - j);
        }
      }
    }
    choice.put("finish_reason", a.cut() ? "length" : "stop");
    root.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 7)
        .put("total_tokens", 18);
    return root;
  }

  private static ObjectNode anthropicMessage(JsonNode request, Answer a) {
    if (!request.path("max_tokens").isInt()) {
      throw new IllegalArgumentException("max_tokens: Field required");
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("id", "msg_test").put("type", "message").put("role", "assistant")
        .put("model", request.path("model").asText());
    root.putArray("content").addObject().put("type", "text").put("text", a.text());
    root.put("stop_reason", a.cut() ? "max_tokens" : "end_turn").putNull("stop_sequence");
    root.putObject("usage").put("input_tokens", 11).put("output_tokens", 7);
    return root;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
