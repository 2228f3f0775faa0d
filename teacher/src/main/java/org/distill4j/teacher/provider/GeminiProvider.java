package org.distill4j.teacher.provider;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import org.distill4j.teacher.Provider;
import org.distill4j.teacher.ProviderSetup;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherRequest;

/**
 * Google's Gemini API. LangChain4j's Gemini module exists from 1.13.0 only; it runs on the 1.11.0
 * core here.
 */
public final class GeminiProvider implements Provider {
  @Override
  public String id() {
    return "gemini";
  }

  @Override
  public ModelProvider modelProvider() {
    return ModelProvider.GOOGLE_AI_GEMINI;
  }

  @Override
  public String description() {
    return "Google's Gemini API";
  }

  @Override
  public String defaultBaseUrl() {
    return "https://generativelanguage.googleapis.com/v1beta";
  }

  @Override
  public String defaultKeyEnv() {
    return "GEMINI_API_KEY";
  }

  @Override
  public ChatModel chatModel(ProviderSetup setup) {
    TeacherConfig config = setup.config();
    return GoogleAiGeminiChatModel.builder()
        .httpClientBuilder(setup.http())
        .baseUrl(config.effectiveBaseUrl())
        .apiKey(setup.requiredKey())
        .modelName(config.model())
        .timeout(config.timeout())
        .maxRetries(0)
        .build();
  }

  /**
   * Sampling only: per-request seeds are not passed (Gemini's seed is a model-level setting), and
   * the reply is shaped by the prompt and the lenient parser.
   */
  @Override
  public ChatRequestParameters parameters(TeacherRequest request) {
    return Provider.sampling(ChatRequestParameters.builder(), request, false).build();
  }
}
