package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.Test;

/** The Ollama teacher against a real HTTP server speaking /api/chat. */
class OllamaTeacherIT {

  @Test
  void askSendsOptionsAndReadsReply() throws Exception {
    try (FakeTeacherServer server = new FakeTeacherServer(r -> FakeTeacherServer.ok("1. to rest")).ollama()) {
      TeacherConfig config = new TeacherConfig("ollama", "llama3.2", server.baseUrl(), null, 5.0);
      Teacher teacher = new ChatModelFactory(env -> null).teacher(config);
      TeacherReply reply = teacher.ask(new TeacherRequest(
          List.of(ChatTurn.user("Event: PersonX naps")), new Sampling(null, 0.8, null, 64, 100L), 2, 0));
      assertThat(reply.text()).isEqualTo("1. to rest");
      assertThat(reply.finish()).isEqualTo(TeacherReply.Finish.STOP);
      assertThat(reply.outputTokens()).isEqualTo(7);
      FakeTeacherServer.Received got = server.received().get(0);
      assertThat(got.path()).isEqualTo("/api/chat");
      assertThat(got.body().path("options").path("seed").asInt()).isEqualTo(102);
      assertThat(got.body().path("options").path("num_predict").asInt()).isEqualTo(64);
      assertThat(got.body().path("stream").asBoolean(true)).isFalse();
    }
  }

  @Test
  void aReplySchemaIsSentAsOllamasFormat() throws Exception {
    try (FakeTeacherServer server = new FakeTeacherServer(r -> FakeTeacherServer.ok("{\"items\": []}")).ollama()) {
      TeacherConfig config = new TeacherConfig("ollama", "llama3.2", server.baseUrl(), null, 5.0);
      Teacher teacher = new ChatModelFactory(env -> null).teacher(config);
      teacher.ask(new TeacherRequest(List.of(ChatTurn.user("Event: PersonX naps")),
          new Sampling(null, 0.8, null, 64, 100L), 0, 0,
          new ReplySchema("triples", java.util.Map.of("tail", "string"))));
      com.fasterxml.jackson.databind.JsonNode format = server.received().get(0).body().path("format");
      assertThat(format.path("type").asText()).isEqualTo("object");
      assertThat(format.path("properties").path("items").path("items").path("properties")
          .path("tail").path("type").asText()).isEqualTo("string");
    }
  }

  @Test
  void probeSaysHowToStartOllama() {
    TeacherConfig config = new TeacherConfig("ollama", "llama3.2", "http://127.0.0.1:1", null, 5.0);
    long t0 = System.nanoTime();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TeacherProbe(2000).check(config))
        .isInstanceOf(TeacherProbe.TeacherUnreachableException.class)
        .hasMessageContaining("ollama serve")
        .hasMessageContaining("base_url");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
  }
}
