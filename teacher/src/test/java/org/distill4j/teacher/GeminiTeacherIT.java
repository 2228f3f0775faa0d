package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.distill4j.core.corpus.Sampling;
import org.junit.jupiter.api.Test;

/**
 * The Gemini teacher (LangChain4j 1.13.0 module on the 1.11.0 core) against a local server
 * speaking Gemini's generateContent API.
 */
class GeminiTeacherIT {

  @Test
  void askReadsTextFinishAndUsage() throws Exception {
    AtomicReference<String> path = new AtomicReference<>();
    AtomicReference<String> key = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      path.set(ex.getRequestURI().getPath());
      key.set(ex.getRequestHeaders().getFirst("x-goog-api-key"));
      ex.getRequestBody().readAllBytes();
      byte[] b = ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"1. to rest\"}],"
          + "\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\"}],\"usageMetadata\":"
          + "{\"promptTokenCount\":3,\"candidatesTokenCount\":2,\"totalTokenCount\":5}}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    server.start();
    try {
      TeacherConfig config = new TeacherConfig("gemini", "gemini-2.0-flash",
          "http://127.0.0.1:" + server.getAddress().getPort() + "/v1beta", "GEMINI_KEY", 5.0);
      Teacher teacher = new ChatModelFactory(env -> "GEMINI_KEY".equals(env) ? "g-key" : null)
          .teacher(config);
      TeacherReply reply = teacher.ask(TeacherRequest.of(List.of(ChatTurn.user("hi")),
          new Sampling(null, 0.5, null, 20, null)));
      assertThat(reply.text()).isEqualTo("1. to rest");
      assertThat(reply.finish()).isEqualTo(TeacherReply.Finish.LENGTH);
      assertThat(reply.outputTokens()).isEqualTo(2);
      assertThat(path.get()).contains("gemini-2.0-flash:generateContent");
      assertThat(key.get()).isEqualTo("g-key");
    } finally {
      server.stop(0);
    }
  }
}
