package org.distill4j.teacher;

import java.util.function.UnaryOperator;
import org.distill4j.core.io.SettingException;

/**
 * What a {@link Provider} builds its client from: the config, the HTTP client every teacher
 * shares, and the API key, read from the environment variable the config names and never kept.
 */
public final class ProviderSetup {
  /** The setting naming the key's variable, as the teacher config names it. */
  public static final String API_KEY_ENV = "api_key_env";

  private final TeacherConfig config;
  private final UnaryOperator<String> environment;

  ProviderSetup(TeacherConfig config, UnaryOperator<String> environment) {
    this.config = config;
    this.environment = environment;
  }

  public TeacherConfig config() {
    return config;
  }

  /** A fresh builder of the HTTP client with the hard deadline and {@code Retry-After}. */
  public TeacherHttpClient.Builder http() {
    return TeacherHttpClient.builder();
  }

  /** The key; a missing one is an error naming the variable to set. */
  public String requiredKey() {
    String env = config.effectiveKeyEnv();
    String key = env == null ? null : environment.apply(env);
    if (key == null || key.isBlank()) {
      throw new SettingException(API_KEY_ENV,
          "teacher \"" + config.provider() + "\" needs an API key: set the environment variable "
              + env + " (or name another one with " + SettingException.NAME + ")");
    }
    return key;
  }

  /**
   * The key, or {@code fallback} when the provider's default variable is unset (local servers
   * take any key); a variable the user named explicitly must be set.
   */
  public String optionalKey(String fallback) {
    String env = config.effectiveKeyEnv();
    String key = env == null ? null : environment.apply(env);
    if ((key == null || key.isBlank()) && config.apiKeyEnv() != null) {
      throw new SettingException(API_KEY_ENV,
          "environment variable " + config.apiKeyEnv() + " (from " + SettingException.NAME
              + ") is not set");
    }
    return key == null || key.isBlank() ? fallback : key;
  }
}
