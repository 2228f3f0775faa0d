package org.distill4j.teacher;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.util.function.Supplier;
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
  private final Supplier<HttpClientBuilder> http;

  ProviderSetup(TeacherConfig config, UnaryOperator<String> environment) {
    this(config, environment, TeacherHttpClient::builder);
  }

  private ProviderSetup(TeacherConfig config, UnaryOperator<String> environment,
      Supplier<HttpClientBuilder> http) {
    this.config = config;
    this.environment = environment;
    this.http = http;
  }

  /**
   * The same setup whose clients talk through {@code http} instead of the network: the batch
   * APIs use it to have a provider's own client write a request body and read a reply body,
   * so that a batched request is byte for byte the one the synchronous client would send.
   */
  public ProviderSetup withHttp(Supplier<HttpClientBuilder> http) {
    return new ProviderSetup(config, environment, http);
  }

  public TeacherConfig config() {
    return config;
  }

  /**
   * A fresh builder of the HTTP client: the {@link TeacherHttpClient} with the hard deadline and
   * {@code Retry-After}, unless {@link #withHttp} named another.
   */
  public HttpClientBuilder http() {
    return http.get();
  }

  /** Masks the key this setup reads (when set) wherever a server echoes it. */
  public SecretRedactor redactor() {
    String env = config.effectiveKeyEnv();
    String key = env == null ? null : environment.apply(env);
    return SecretRedactor.of(key == null ? java.util.List.of() : java.util.List.of(key));
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
