package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.SettingException;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A ChatModel the caller built, used as a teacher against a real server on 127.0.0.1. */
class SuppliedTeacherIT {
  private final FakeTeacherServer server = start();

  private static FakeTeacherServer start() {
    try {
      return new FakeTeacherServer(r -> FakeTeacherServer.ok("1. to rest"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OpenAiChatModel openAi() {
    return OpenAiChatModel.builder().baseUrl(server.baseUrl()).apiKey("not-checked")
        .modelName("qwen-test").maxRetries(0).build();
  }

  private static TeacherRequest request(Sampling sampling) {
    return TeacherRequest.of(List.of(ChatTurn.user("Event: PersonX naps")), sampling);
  }

  @Test
  void anOpenAiModelIsLabelledFromItselfAndSendsTheRecipesSeed() {
    SuppliedTeacher supplied = SuppliedTeacher.of(openAi());

    assertThat(supplied.id()).isEqualTo(new TeacherId("openai", "qwen-test"));
    TeacherReply reply = supplied.teacher().ask(request(new Sampling(null, 0.3, null, 50, 9L)));

    assertThat(reply.text()).isEqualTo("1. to rest");
    var body = server.received().get(0).body();
    assertThat(body.path("model").asText()).isEqualTo("qwen-test");
    // The OpenAI provider's parameters: the seed goes out, as with a configured teacher.
    assertThat(body.path("seed").isInt()).isTrue();
    assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    assertThat(body.path("max_tokens").asInt()).isEqualTo(50);
    assertThat(supplied.config()).isEqualTo(
        new TeacherConfig("openai", "qwen-test", null, null, null));
  }

  @Test
  void aLabelGivenByTheCallerReplacesTheOneTheModelReports() {
    SuppliedTeacher supplied = SuppliedTeacher.of(openAi(), "vllm", "Qwen2.5-7B-Instruct");

    assertThat(supplied.id()).isEqualTo(new TeacherId("vllm", "Qwen2.5-7B-Instruct"));
    // The label names the cache entry; requests still go with the model's own name.
    supplied.teacher().ask(request(Sampling.defaults()));
    assertThat(server.received().get(0).body().path("model").asText()).isEqualTo("qwen-test");
  }

  @Test
  void aModelOfNoKnownKindNeedsALabelAndGetsTheCommonParameters() {
    List<ChatRequest> seen = new CopyOnWriteArrayList<>();
    ChatModel own = new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest chat) {
        seen.add(chat);
        return ChatResponse.builder().aiMessage(AiMessage.from("1. to eat")).build();
      }
    };

    assertThatThrownBy(() -> SuppliedTeacher.of(own))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reports no provider")
        .hasMessageContaining("SuppliedTeacher.of(model, \"PROVIDER\", \"MODEL\")");
    SuppliedTeacher labelled = SuppliedTeacher.of(own, "mine", "m1");
    TeacherReply reply = labelled.teacher().ask(request(new Sampling(null, 0.7, 0.9, 40, 3L)));

    assertThat(reply.text()).isEqualTo("1. to eat");
    assertThat(seen.get(0).parameters().temperature()).isEqualTo(0.7);
    assertThat(seen.get(0).parameters().topP()).isEqualTo(0.9);
    assertThat(seen.get(0).parameters().maxOutputTokens()).isEqualTo(40);
    // No registered provider knows how to ask this model for log-probabilities: refused upfront.
    Sampling logprobs = new Sampling(null, null, null, null, null, 5);
    assertThatThrownBy(() -> labelled.checkSampling(logprobs))
        .isInstanceOf(SettingException.class).hasMessageContaining("\"mine\"");
  }
}
