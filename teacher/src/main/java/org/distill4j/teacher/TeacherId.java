package org.distill4j.teacher;

import org.distill4j.core.io.SettingException;

/**
 * Which teacher answered: the provider and the model asked for. Part of every cache key and of
 * every record's provenance.
 *
 * @param provider e.g. {@code openai}, {@code ollama}
 * @param model the model name sent to the server
 */
public record TeacherId(String provider, String model) {
  public TeacherId {
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException("teacher provider is missing");
    }
    if (model == null || model.isBlank()) {
      throw new SettingException("model", "teacher model is missing; set it with {setting}");
    }
  }
}
