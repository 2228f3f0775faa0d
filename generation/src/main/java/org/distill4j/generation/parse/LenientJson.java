package org.distill4j.generation.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/**
 * Finds and reads the JSON value in a teacher's reply, which is rarely clean: it may sit inside a
 * Markdown code fence, between sentences of prose, carry trailing commas, comments, single
 * quotes or unquoted keys. A value cut off before its closing bracket is reported as such.
 */
public final class LenientJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
          .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          .build();

  private LenientJson() {}

  /** The outcome of a search: the value, or why there is none. */
  public record Found(JsonNode value, String problem) {}

  /** The first complete JSON object or array in {@code text}. */
  public static Found find(String text) {
    String body = insideFence(text).orElse(text);
    int start = firstOpening(body);
    if (start < 0) {
      return new Found(null, "no JSON object or array in the reply");
    }
    int end = matchingClose(body, start);
    if (end < 0) {
      return new Found(null, "the JSON " + (body.charAt(start) == '[' ? "array" : "object")
          + " is never closed (reply cut off?)");
    }
    String candidate = body.substring(start, end + 1);
    try {
      return new Found(MAPPER.readTree(candidate), null);
    } catch (JsonProcessingException e) {
      return new Found(null, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** The content of the first ``` fence that holds a bracket, if any. */
  static Optional<String> insideFence(String text) {
    int from = 0;
    while (true) {
      int open = text.indexOf("```", from);
      if (open < 0) {
        return Optional.empty();
      }
      int lineEnd = text.indexOf('\n', open);
      if (lineEnd < 0) {
        return Optional.empty();
      }
      int close = text.indexOf("```", lineEnd);
      // An unclosed fence (reply cut off) still holds the JSON up to the end.
      String inside = close < 0 ? text.substring(lineEnd + 1) : text.substring(lineEnd + 1, close);
      if (firstOpening(inside) >= 0) {
        return Optional.of(inside);
      }
      if (close < 0) {
        return Optional.empty();
      }
      from = close + 3;
    }
  }

  private static int firstOpening(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  /** Index of the bracket closing the one at {@code start}, skipping strings; -1 if none. */
  static int matchingClose(String s, int start) {
    int depth = 0;
    char quote = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"', '\'' -> quote = c;
        case '[', '{' -> depth++;
        case ']', '}' -> {
          depth--;
          if (depth == 0) {
            return i;
          }
        }
        default -> { }
      }
    }
    return -1;
  }
}
