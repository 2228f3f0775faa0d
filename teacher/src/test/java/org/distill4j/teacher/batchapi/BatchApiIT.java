package org.distill4j.teacher.batchapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.SettingException;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.ReplySchema;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.testing.BatchTeacherServer;
import org.distill4j.teacher.testing.BatchTeacherServer.Answer;
import org.distill4j.teacher.testing.BatchTeacherServer.Dialect;
import org.distill4j.teacher.testing.BatchTeacherServer.Fate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Both batch APIs against a local server that speaks them: a batched request is the request the
 * synchronous client sends, and a batched reply is read into the reply the synchronous client
 * makes, cut replies and log-probabilities included; errored and expired requests come back as
 * failures with the provider's reason.
 */
class BatchApiIT {
  private static final String KEY = "sk-batch-test-1234";

  @TempDir Path dir;

  /** "cut" in the prompt gives a reply cut at the limit; "refuse" an error; "late" expiry. */
  private static Answer script(JsonNode body) {
    String text = body.toString();
    return text.contains("cut") ? new Answer("1. to be cut o", true)
        : Answer.of("1. to answer " + body.path("seed").asInt(-1) + " \n2. to rest");
  }

  private static Fate fate(JsonNode body) {
    String text = body.toString();
    return text.contains("refuse") ? Fate.ERROR : text.contains("late") ? Fate.EXPIRE
        : Fate.ANSWER;
  }

  private static TeacherConfig config(Dialect dialect, BatchTeacherServer server) {
    return new TeacherConfig(dialect == Dialect.OPENAI ? "openai" : "anthropic", "test-model",
        server.baseUrl(), "BATCH_KEY", 5.0);
  }

  private static ChatModelFactory factory() {
    return new ChatModelFactory(env -> "BATCH_KEY".equals(env) ? KEY : null);
  }

  private static List<TeacherRequest> requests(Sampling sampling, String... prompts) {
    List<TeacherRequest> out = new ArrayList<>();
    ReplySchema schema = new ReplySchema("items", Map.of("tail", "string"));
    for (String p : prompts) {
      out.add(new TeacherRequest(List.of(ChatTurn.system("Answer with a list."),
          ChatTurn.user(p)), sampling, out.size() % 2, 0, out.size() % 2 == 0 ? schema : null));
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBatchedRequestIsTheSynchronousRequest(Dialect dialect) throws IOException {
    try (BatchTeacherServer server = new BatchTeacherServer(dialect, KEY, BatchApiIT::script)) {
      TeacherConfig config = config(dialect, server);
      Teacher teacher = factory().teacher(config);
      BatchApi api = BatchApis.open(factory().setup(config), "batch");
      for (TeacherRequest r : requests(new Sampling(null, 0.7, 0.9, 64, 5L), "a", "b")) {
        teacher.ask(r);
        JsonNode sent = server.chatBodies().get(server.chatBodies().size() - 1);
        JsonNode entry = CorpusJson.json().readTree(api.entry("id-1", r));
        JsonNode batched = entry.path(dialect == Dialect.OPENAI ? "body" : "params");
        ObjectNode expected = sent.deepCopy();
        expected.remove("stream");
        assertThat(batched).isEqualTo(expected);
        assertThat(entry.path("custom_id").asText()).isEqualTo("id-1");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void answersAreTheRepliesTheSynchronousClientMakes(Dialect dialect) throws IOException {
    try (BatchTeacherServer server = new BatchTeacherServer(dialect, KEY, BatchApiIT::script)
        .fate(BatchApiIT::fate)) {
      TeacherConfig config = config(dialect, server);
      Sampling sampling = dialect == Dialect.OPENAI ? new Sampling(null, 0.7, null, 64, 5L, 3)
          : new Sampling(null, 0.7, null, 64, 5L);
      List<TeacherRequest> requests = requests(sampling, "why", "cut here", "refuse this",
          "too late", "why not");
      BatchApi api = BatchApis.open(factory().setup(config), "batch");
      Map<String, TeacherRequest> byId = new HashMap<>();
      Path entries = dir.resolve("entries.jsonl");
      StringBuilder lines = new StringBuilder();
      for (TeacherRequest r : requests) {
        String id = CacheKey.of(config.id(), r).hex();
        byId.put(id, r);
        lines.append(new String(api.entry(id, r), java.nio.charset.StandardCharsets.UTF_8))
            .append('\n');
      }
      Files.writeString(entries, lines.toString().stripTrailing());
      String job = api.create(entries, api.upload(entries));
      JobState state = api.poll(job);
      while (!state.ended()) {
        assertThat(state.total()).isEqualTo(5);
        state = api.poll(job);
      }
      assertThat(state.succeeded()).isEqualTo(3);
      assertThat(state.failed()).isEqualTo(2);
      Map<String, ItemResult> results = new HashMap<>();
      api.results(state, sampling, dir.resolve("scratch"), r -> results.put(r.customId(), r));

      assertThat(results).hasSize(5);
      Teacher teacher = factory().teacher(config);
      for (Map.Entry<String, TeacherRequest> e : byId.entrySet()) {
        String prompt = e.getValue().messages().get(1).text();
        ItemResult result = results.get(e.getKey());
        if (prompt.contains("refuse")) {
          assertThat(((ItemResult.Failed) result).reason()).contains("scripted refusal");
        } else if (prompt.contains("late")) {
          assertThat(((ItemResult.Failed) result).reason()).contains("expired");
        } else {
          TeacherReply batched = ((ItemResult.Answered) result).reply();
          assertThat(batched).isEqualTo(teacher.ask(e.getValue()));
          assertThat(batched.truncated()).isEqualTo(prompt.contains("cut"));
          assertThat(batched.inputTokens()).isEqualTo(11);
          assertThat(batched.logprobs() != null).isEqualTo(dialect == Dialect.OPENAI);
        }
      }
      assertThat(Files.list(dir.resolve("scratch"))).isEmpty();
    }
  }

  @Test
  void aWrongKeyIsRefusedWithoutShowingIt() throws IOException {
    try (BatchTeacherServer server = new BatchTeacherServer(Dialect.OPENAI, "other-key",
        BatchApiIT::script)) {
      BatchApi api = BatchApis.open(factory().setup(config(Dialect.OPENAI, server)), "batch");
      assertThatThrownBy(() -> api.poll("batch_1"))
          .isInstanceOf(BatchApiException.class)
          .hasMessageContaining("HTTP 401")
          .satisfies(e -> assertThat(((BatchApiException) e).passing()).isFalse())
          .hasMessageNotContaining(KEY);
    }
  }

  @Test
  void providersWithoutABatchApiAreRefusedNamingThoseWithOne() {
    TeacherConfig ollama = new TeacherConfig("ollama", "llama3.2", null, null, null);
    assertThatThrownBy(() -> BatchApis.requireSupported(ollama, "batch"))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("teacher \"ollama\" has no batch API")
        .hasMessageContaining("openai and anthropic");
  }
}
