package org.distill4j.generation.teacher;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaChatRequestParameters;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.distill4j.core.io.InputException;

/**
 * Builds LangChain4j chat models and {@link Teacher}s from a {@link TeacherConfig}. Every client
 * gets {@code maxRetries(0)} (the runner retries, exactly once per layer), the configured
 * deadline, and the {@link TeacherHttpClient} so that {@code Retry-After} survives.
 *
 * <p>The API key is read from the environment variable the config names at build time and is
 * handed to the client and to the teacher's {@link SecretRedactor}, which masks it wherever a
 * server echoes it; it is never written to a file, a log or a message.
 */
public final class ChatModelFactory {
  private final UnaryOperator<String> environment;

  /** A factory reading keys from the process environment. */
  public ChatModelFactory() {
    this(System::getenv);
  }

  /** A factory reading keys through {@code environment} (tests pass a map). */
  public ChatModelFactory(UnaryOperator<String> environment) {
    this.environment = environment;
  }

  /** The teacher for a config. */
  public Teacher teacher(TeacherConfig config) {
    String env = config.effectiveKeyEnv();
    String key = env == null ? null : environment.apply(env);
    return new ChatModelTeacher(chatModel(config), parameters(config.providerKind()),
        SecretRedactor.of(key == null ? java.util.List.of() : java.util.List.of(key)));
  }

  /** The bare LangChain4j model for a config. */
  public ChatModel chatModel(TeacherConfig config) {
    Provider provider = config.providerKind();
    if (config.model() == null || config.model().isBlank()) {
      throw new InputException("no teacher model given; set --model (e.g. llama3.2 or gpt-4o-mini)");
    }
    TeacherHttpClient.Builder http = TeacherHttpClient.builder();
    return switch (provider) {
      case OPENAI -> OpenAiChatModel.builder()
          .httpClientBuilder(http)
          .baseUrl(config.effectiveBaseUrl())
          // Local OpenAI-compatible servers accept any key; OpenAI itself rejects a missing one
          // with 401, which the runner reports without retrying.
          .apiKey(optionalKey(config, "not-needed"))
          .modelName(config.model())
          .timeout(config.timeout())
          .maxRetries(0)
          .build();
      case OLLAMA -> OllamaChatModel.builder()
          .httpClientBuilder(http)
          .baseUrl(config.effectiveBaseUrl())
          .modelName(config.model())
          .timeout(config.timeout())
          .maxRetries(0)
          .build();
      case ANTHROPIC -> AnthropicChatModel.builder()
          .httpClientBuilder(http)
          .baseUrl(config.effectiveBaseUrl())
          .apiKey(requiredKey(config))
          .modelName(config.model())
          .timeout(config.timeout())
          .maxRetries(0)
          .build();
      // LangChain4j's Gemini module exists from 1.13.0 only; it runs on the 1.11.0 core here.
      // Per-request seeds are not passed to Gemini (its seed is a model-level setting).
      case GEMINI -> GoogleAiGeminiChatModel.builder()
          .httpClientBuilder(http)
          .baseUrl(config.effectiveBaseUrl())
          .apiKey(requiredKey(config))
          .modelName(config.model())
          .timeout(config.timeout())
          .maxRetries(0)
          .build();
    };
  }

  /** Maps a request's sampling onto the provider's parameter class. */
  static Function<TeacherRequest, ChatRequestParameters> parameters(Provider provider) {
    return request -> {
      var s = request.sampling();
      Long seed = request.effectiveSeed();
      Integer intSeed = seed == null ? null : (int) (seed & 0x7fffffffL);
      return switch (provider) {
        case OPENAI -> OpenAiChatRequestParameters.builder()
            .temperature(s.temperature()).topP(s.topP()).maxOutputTokens(s.maxTokens())
            .seed(intSeed).responseFormat(responseFormat(request)).build();
        case OLLAMA -> OllamaChatRequestParameters.builder()
            .temperature(s.temperature()).topP(s.topP()).maxOutputTokens(s.maxTokens())
            .seed(intSeed).responseFormat(responseFormat(request)).build();
        // Anthropic and Gemini get the prompt's own instructions and the lenient parser: their
        // LangChain4j 1.11 clients do not take this project's schema the same way.
        default -> ChatRequestParameters.builder()
            .temperature(s.temperature()).topP(s.topP()).maxOutputTokens(s.maxTokens()).build();
      };
    };
  }

  private static ResponseFormat responseFormat(TeacherRequest request) {
    return request.replySchema() == null ? null : request.replySchema().responseFormat();
  }

  private String requiredKey(TeacherConfig config) {
    String env = config.effectiveKeyEnv();
    String key = env == null ? null : environment.apply(env);
    if (key == null || key.isBlank()) {
      throw new InputException(
          "teacher \"" + config.provider() + "\" needs an API key: set the environment variable "
              + env + " (or name another one with --api-key-env)");
    }
    return key;
  }

  private String optionalKey(TeacherConfig config, String fallback) {
    String env = config.effectiveKeyEnv();
    String key = env == null ? null : environment.apply(env);
    if ((key == null || key.isBlank()) && config.apiKeyEnv() != null) {
      throw new InputException(
          "environment variable " + config.apiKeyEnv() + " (from --api-key-env) is not set");
    }
    return key == null || key.isBlank() ? fallback : key;
  }
}
