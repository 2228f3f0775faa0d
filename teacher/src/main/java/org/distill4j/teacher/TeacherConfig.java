package org.distill4j.teacher;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.time.Duration;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.io.YamlFile;
import org.distill4j.core.io.SourceLocation;

/**
 * How to reach a teacher, read from a YAML file and overridden by command-line flags. It holds
 * the <em>name</em> of the environment variable with the API key, never the key, so the config
 * can be written to a manifest as it is.
 *
 * <pre>
 * provider: openai              # a registered provider: openai | ollama | anthropic | gemini
 * model: gpt-4o-mini
 * base_url: http://localhost:8000/v1
 * api_key_env: OPENAI_API_KEY
 * timeout_seconds: 60
 * </pre>
 *
 * @param provider the provider id
 * @param model the model name
 * @param baseUrl the server URL; the provider's default when null
 * @param apiKeyEnv the environment variable holding the key; the provider's default when null
 * @param timeoutSeconds the per-request deadline in seconds; 60 when null
 */
public record TeacherConfig(
    String provider,
    String model,
    @JsonProperty("base_url") String baseUrl,
    @JsonProperty("api_key_env") String apiKeyEnv,
    @JsonProperty("timeout_seconds") Double timeoutSeconds) {

  /** The per-request deadline when none is configured. */
  public static final double DEFAULT_TIMEOUT_SECONDS = 60;

  public TeacherConfig {
    if (timeoutSeconds != null && !(timeoutSeconds > 0)) {
      // Quoted, so that a YAML file's error points at the key's line.
      throw new SettingException("timeout_seconds",
          "field \"" + SettingException.NAME + "\" must be above 0, found " + timeoutSeconds);
    }
  }

  /** Reads a teacher config file; problems name the file. */
  public static TeacherConfig load(Path file) {
    TeacherConfig config = YamlFile.read(file, TeacherConfig.class).value();
    if (config == null) {
      throw new InputException(new SourceLocation(file, 0), "the teacher config file is empty;"
          + " it needs at least provider and model");
    }
    return config;
  }

  /** Each non-null argument replaces the configured value, as command-line flags do. */
  public TeacherConfig withOverrides(
      String provider, String model, String baseUrl, String apiKeyEnv, Double timeoutSeconds) {
    return new TeacherConfig(
        provider != null ? provider : this.provider,
        model != null ? model : this.model,
        baseUrl != null ? baseUrl : this.baseUrl,
        apiKeyEnv != null ? apiKeyEnv : this.apiKeyEnv,
        timeoutSeconds != null ? timeoutSeconds : this.timeoutSeconds);
  }

  /** An empty config, for building one from flags alone. */
  public static TeacherConfig empty() {
    return new TeacherConfig(null, null, null, null, null);
  }

  /** The provider, failing with a message naming the valid ones. */
  @JsonIgnore
  public Provider providerKind() {
    if (provider == null) {
      throw new SettingException("provider",
          "no teacher given; set " + SettingException.NAME + " (" + Providers.ids() + ")");
    }
    return Providers.byId(provider);
  }

  /** The URL requests go to. */
  @JsonIgnore
  public String effectiveBaseUrl() {
    return baseUrl != null ? baseUrl : providerKind().defaultBaseUrl();
  }

  /** The environment variable the key is read from, or null when the provider needs none. */
  @JsonIgnore
  public String effectiveKeyEnv() {
    return apiKeyEnv != null ? apiKeyEnv : providerKind().defaultKeyEnv();
  }

  @JsonIgnore
  public Duration timeout() {
    double s = timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
    return Duration.ofMillis(Math.round(s * 1000));
  }

  /** The identity used in cache keys and provenance. */
  @JsonIgnore
  public TeacherId id() {
    return new TeacherId(providerKind().id(), model);
  }
}
