package org.distill4j.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.io.CorpusJson;

/**
 * A teacher on 127.0.0.1 speaking OpenAI's chat-completions API: it answers every request with a
 * numbered list of inferences picked from the prompt's text, so different prompts get different
 * (and sometimes repeated) answers, and it counts the requests it served.
 */
final class FakeOpenAiTeacher implements AutoCloseable {
  private static final List<String> ANSWERS = List.of("to be kind", "to help a friend",
      "grateful", "to go home", "tired", "helpful", "to rest", "PersonX is too busy",
      "to buy flour", "happy", "to say thanks", "gets praised");

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();

  FakeOpenAiTeacher() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", exchange -> {
      requests.incrementAndGet();
      JsonNode request;
      try (InputStream in = exchange.getRequestBody()) {
        request = CorpusJson.json().readTree(in);
      }
      JsonNode messages = request.get("messages");
      String prompt = messages.get(messages.size() - 1).get("content").asText();
      int start = Math.floorMod(prompt.hashCode(), ANSWERS.size());
      StringBuilder content = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        content.append(i + 1).append(". ").append(ANSWERS.get((start + i) % ANSWERS.size()))
            .append('\n');
      }
      ObjectNode reply = CorpusJson.json().createObjectNode();
      reply.put("id", "chatcmpl-" + requests.get());
      reply.put("object", "chat.completion");
      reply.put("created", 1_700_000_000L);
      reply.put("model", request.path("model").asText("fake"));
      ObjectNode choice = reply.putArray("choices").addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", content.toString());
      choice.put("finish_reason", "stop");
      reply.putObject("usage").put("prompt_tokens", 40).put("completion_tokens", 20)
          .put("total_tokens", 60);
      byte[] body = CorpusJson.json().writeValueAsBytes(reply);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
