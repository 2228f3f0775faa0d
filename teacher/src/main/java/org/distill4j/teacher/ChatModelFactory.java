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
    String env = config.effectiveKeyEnv();
    String key = env == null ? null : environment.apply(env);
    Provider provider = config.providerKind();
    return new ChatModelTeacher(chatModel(config), provider::parameters,
        SecretRedactor.of(key == null ? java.util.List.of() : java.util.List.of(key)),
        provider::logprobs);
  }

  /** The bare LangChain4j model for a config. */
  public ChatModel chatModel(TeacherConfig config) {
    Provider provider = config.providerKind();
    if (config.model() == null || config.model().isBlank()) {
      throw new SettingException("model", "no teacher model given; set " + SettingException.NAME
          + " (e.g. llama3.2 or gpt-4o-mini)");
    }
    return provider.chatModel(new ProviderSetup(config, environment));
  }
}
