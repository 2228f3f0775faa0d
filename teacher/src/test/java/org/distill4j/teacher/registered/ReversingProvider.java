package org.distill4j.teacher.registered;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import org.distill4j.teacher.Provider;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.TeacherRequest;

/**
 * A provider added the way an extender adds one: this class and one line in this module's test
 * {@code META-INF/services}. Its model answers with the last user turn reversed, in-process.
 */
public final class ReversingProvider implements Provider {
  @Override
  public String id() {
    return "reversing";
  }

  @Override
  public String description() {
    return "a test model that reverses the prompt";
  }

  @Override
  public String defaultBaseUrl() {
    return "http://127.0.0.1:9";
  }

  @Override
  public String defaultKeyEnv() {
    return "REVERSING_KEY";
  }

  @Override
  public String howToStart() {
    return "nothing to start";
  }

  @Override
  public ChatModel chatModel(ProviderSetup setup) {
    setup.requiredKey();
    String model = setup.config().model();
    return new ChatModel() {
      @Override
      public ChatResponse doChat(ChatRequest request) {
        UserMessage last = (UserMessage) request.messages().get(request.messages().size() - 1);
        return ChatResponse.builder()
            .aiMessage(AiMessage.from(new StringBuilder(last.singleText()).reverse().toString()))
            .finishReason(FinishReason.STOP)
            .modelName(model + "@" + request.parameters().temperature())
            .build();
      }
    };
  }

  @Override
  public ChatRequestParameters parameters(TeacherRequest request) {
    return ChatRequestParameters.builder().temperature(request.sampling().temperature()).build();
  }
}
