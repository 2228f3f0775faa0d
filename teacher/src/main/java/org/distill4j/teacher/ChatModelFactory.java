package org.distill4j.teacher;

import dev.langchain4j.model.chat.ChatModel;
import java.util.function.UnaryOperator;
import org.distill4j.core.io.SettingException;

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
    return teacher(setup(config));
  }

  /** The teacher a setup describes, talking through the setup's HTTP client. */
  public static Teacher teacher(ProviderSetup setup) {
    Provider provider = setup.config().providerKind();
    return new ChatModelTeacher(chatModel(setup), provider::parameters, setup.redactor(),
        provider::logprobs);
  }

  /** The bare LangChain4j model for a config. */
  public ChatModel chatModel(TeacherConfig config) {
    return chatModel(setup(config));
  }

  private static ChatModel chatModel(ProviderSetup setup) {
    TeacherConfig config = setup.config();
    Provider provider = config.providerKind();
    if (config.model() == null || config.model().isBlank()) {
      throw new SettingException("model", "no teacher model given; set " + SettingException.NAME
          + " (e.g. llama3.2 or gpt-4o-mini)");
    }
    return provider.chatModel(setup);
  }

  /**
   * What a provider builds its client from for this config, with this factory's environment:
   * for code that talks to a provider's other endpoints (the batch APIs) with the same key.
   */
  public ProviderSetup setup(TeacherConfig config) {
    return new ProviderSetup(config, environment);
  }
}
