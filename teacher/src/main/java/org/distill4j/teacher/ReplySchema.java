package org.distill4j.teacher;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shape a JSON reply must have, sent to teachers whose servers can enforce it (OpenAI's
 * {@code response_format} with a JSON schema, which vLLM, llama.cpp and LM Studio also take, and
 * Ollama's {@code format}): an object {@code {"items": [...]}} whose items each have every one of
 * {@code fields}. The reply parser accepts that object as well as a bare array, so a recipe works
 * the same with servers that ignore the schema.
 *
 * @param name a name for the schema (servers require one), e.g. the recipe id
 * @param fields item field name to its type: {@code string}, {@code strings} (a list of
 *     strings), {@code number} or {@code boolean}
 */
public record ReplySchema(String name, Map<String, String> fields) {
  /** The types a field may have. */
  public static final List<String> TYPES = List.of("string", "strings", "number", "boolean");

  public ReplySchema {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a reply schema needs a name");
    }
    if (fields == null || fields.isEmpty()) {
      throw new IllegalArgumentException("a reply schema needs at least one field");
    }
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (!TYPES.contains(f.getValue())) {
        throw new IllegalArgumentException("field \"" + f.getKey() + "\" has type \"" + f.getValue()
            + "\"; the types are " + String.join(", ", TYPES));
      }
    }
    // Sorted, so that the same schema written in another order is the same request.
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  /** The LangChain4j response format that asks the server for this shape. */
  public ResponseFormat responseFormat() {
    JsonObjectSchema.Builder item = JsonObjectSchema.builder();
    List<String> required = new ArrayList<>();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      item.addProperty(f.getKey(), element(f.getValue()));
      required.add(f.getKey());
    }
    JsonObjectSchema root = JsonObjectSchema.builder()
        .addProperty("items", JsonArraySchema.builder().items(item.required(required).build()).build())
        .required("items")
        .build();
    return ResponseFormat.builder()
        .type(ResponseFormatType.JSON)
        // OpenAI accepts names of letters, digits, '_' and '-' only.
        .jsonSchema(JsonSchema.builder().name(name.replaceAll("[^A-Za-z0-9_-]", "_"))
            .rootElement(root).build())
        .build();
  }

  private static JsonSchemaElement element(String type) {
    return switch (type) {
      case "string" -> JsonStringSchema.builder().build();
      case "strings" -> JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build();
      case "number" -> JsonNumberSchema.builder().build();
      case "boolean" -> JsonBooleanSchema.builder().build();
      default -> throw new IllegalStateException("unknown type " + type);
    };
  }
}
