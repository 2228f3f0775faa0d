package org.distill4j.core.knowledge;

import java.util.List;

/** Validation shared by the knowledge records; each message names the field it checked. */
final class Fields {
  private Fields() {}

  static String requireText(String value, String field) {
    if (value == null) {
      throw new IllegalArgumentException("field \"" + field + "\" is missing");
    }
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("field \"" + field + "\" must not be blank");
    }
    return trimmed;
  }

  static String optionalText(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.isEmpty() ? null : trimmed;
  }

  static List<String> textList(List<String> values, String field, boolean required) {
    if (values == null || values.isEmpty()) {
      if (required) {
        throw new IllegalArgumentException("field \"" + field + "\" must hold at least one item");
      }
      return List.of();
    }
    for (int i = 0; i < values.size(); i++) {
      requireText(values.get(i), field + "[" + i + "]");
    }
    return values.stream().map(String::strip).toList();
  }
}
