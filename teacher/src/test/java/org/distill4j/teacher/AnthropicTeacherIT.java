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

/** The Anthropic teacher against a local server speaking the Messages API. */
class AnthropicTeacherIT {

  @Test
  void askSendsTheKeyHeaderAndReadsTheReply() throws Exception {
    AtomicReference<String> key = new AtomicReference<>();
    AtomicReference<String> body = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      key.set(ex.getRequestHeaders().getFirst("x-api-key"));
      body.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] b = ("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-x\","
          + "\"content\":[{\"type\":\"text\",\"text\":\"1. to rest\"}],\"stop_reason\":\"max_tokens\","
          + "\"usage\":{\"input_tokens\":12,\"output_tokens\":4}}").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    server.start();
    try {
      TeacherConfig config = new TeacherConfig("anthropic", "claude-x",
          "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/", "A_KEY", 5.0);
      Teacher teacher = new ChatModelFactory(env -> "A_KEY".equals(env) ? "ak-1" : null).teacher(config);
      TeacherReply reply = teacher.ask(TeacherRequest.of(
          List.of(ChatTurn.system("be brief"), ChatTurn.user("hi")), new Sampling(null, 0.3, null, 50, null)));
      assertThat(reply.text()).isEqualTo("1. to rest");
      assertThat(reply.finish()).isEqualTo(TeacherReply.Finish.LENGTH);
      assertThat(reply.inputTokens()).isEqualTo(12);
      assertThat(key.get()).isEqualTo("ak-1");
      assertThat(body.get()).contains("\"max_tokens\" : 50").contains("be brief");
    } finally {
      server.stop(0);
    }
  }
}
