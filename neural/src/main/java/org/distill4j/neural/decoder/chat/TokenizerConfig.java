package org.distill4j.neural.decoder.chat;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * The part of a Hugging Face {@code tokenizer_config.json} that chat formatting needs.
 *
 * @param file the file read, for messages
 * @param chatTemplate the Jinja2 source, or null when the file has none
 * @param bosToken the beginning-of-sequence token text, or null
 * @param eosToken the end-of-sequence token text, or null
 * @param padToken the padding token text, or null
 */
record TokenizerConfig(
    Path file, String chatTemplate, String bosToken, String eosToken, String padToken) {
  static final String FILE = "tokenizer_config.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code folder/tokenizer_config.json}; a folder without the file has no settings. */
  static TokenizerConfig read(Path folder) {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return new TokenizerConfig(file, null, null, null, null);
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new InputException(new SourceLocation(file, line),
          "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot be read: " + e, e);
    }
    if (root == null || !root.isObject()) {
      throw new InputException(new SourceLocation(file, 0), "expected a JSON object");
    }
    return new TokenizerConfig(file, template(file, root.get("chat_template")),
        token(file, root, "bos_token"), token(file, root, "eos_token"),
        token(file, root, "pad_token"));
  }

  /** A copy whose template is {@code source} (a separate {@code chat_template.jinja}). */
  TokenizerConfig withTemplate(Path templateFile, String source) {
    return new TokenizerConfig(templateFile, source, bosToken, eosToken, padToken);
  }

  /** A plain string, or the {@code "default"} entry of a list of {@code {name, template}}. */
  private static String template(Path file, JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (!node.isArray()) {
      throw fieldError(file, "chat_template",
          "expected a string or a list of {\"name\", \"template\"} objects, found " + node);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode entry : node) {
      JsonNode name = entry.get("name");
      JsonNode template = entry.get("template");
      if (name == null || !name.isTextual() || template == null || !template.isTextual()) {
        throw fieldError(file, "chat_template",
            "each list entry needs string fields \"name\" and \"template\", found " + entry);
      }
      if (name.asText().equals("default")) {
        return template.asText();
      }
      names.add(name.asText());
    }
    throw fieldError(file, "chat_template",
        "the list has no template named \"default\"; it has " + names);
  }

  /** A token as a plain string or as an added-token object {@code {"content": ...}}. */
  private static String token(Path file, JsonNode root, String field) {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.asText();
    }
    JsonNode content = node.isObject() ? node.get("content") : null;
    if (content == null || !content.isTextual()) {
      throw fieldError(file, field,
          "expected a string or an object with a string \"content\", found " + node);
    }
    return content.asText();
  }

  private static InputException fieldError(Path file, String field, String problem) {
    return new InputException(new SourceLocation(file, 0),
        "field \"" + field + "\": " + problem);
  }
}
