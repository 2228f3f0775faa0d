package org.distill4j.teacher.provider;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.distill4j.teacher.Provider;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherRequest;

/** Anthropic's Messages API. */
public final class AnthropicProvider implements Provider {
  @Override
  public String id() {
    return "anthropic";
  }

  @Override
  public ModelProvider modelProvider() {
    return ModelProvider.ANTHROPIC;
  }

  @Override
  public String description() {
    return "Anthropic's Messages API";
  }

  @Override
  public String defaultBaseUrl() {
    return "https://api.anthropic.com/v1/";
  }

  @Override
  public String defaultKeyEnv() {
    return "ANTHROPIC_API_KEY";
  }

  @Override
  public ChatModel chatModel(ProviderSetup setup) {
    TeacherConfig config = setup.config();
    return AnthropicChatModel.builder()
        .httpClientBuilder(setup.http())
        .baseUrl(config.effectiveBaseUrl())
        .apiKey(setup.requiredKey())
        .modelName(config.model())
        .timeout(config.timeout())
        .maxRetries(0)
        .build();
  }

  /**
   * Sampling only: the prompt's own instructions and the lenient parser shape the reply, since
   * the LangChain4j 1.11 client does not take this project's schema the same way.
   */
  @Override
  public ChatRequestParameters parameters(TeacherRequest request) {
    return Provider.sampling(ChatRequestParameters.builder(), request, false).build();
  }
}
