package org.distill4j.training.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The kind of student a run trains, as the config's {@code student} names it. */
public enum StudentType {
  /** A Transformer trained from scratch that writes the target for an input. */
  GENERATIVE,
  /** A small network on frozen sentence embeddings that picks among choices or judges validity. */
  SCORER,
  /**
   * A pretrained BERT-family encoder ({@code base}) fine-tuned as a cross-encoder on the same
   * tasks as the scorer: slower to train, but it reads question and choice together.
   */
  ENCODER,
  /**
   * A pretrained decoder LM ({@code base}: GPT-2, Llama, Qwen2, Mistral, SmolLM) fine-tuned in
   * chat form to write each target, fully or with LoRA adapters.
   */
  DECODER;

  /** The config's spelling: the name in lower case. */
  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return configName();
  }

  /** The valid spellings, comma-separated, for messages. */
  public static String valid() {
    return Arrays.stream(values()).map(StudentType::configName)
        .collect(Collectors.joining(", "));
  }

  /**
   * The type the config names; null stays null (the config's default applies).
   *
   * @throws IllegalArgumentException naming the field and every valid type
   */
  @JsonCreator
  public static StudentType parse(String name) {
    if (name == null) {
      return null;
    }
    for (StudentType t : values()) {
      if (t.configName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("field \"student\" must be one of " + valid()
        + ", found \"" + name + "\"");
  }
}
