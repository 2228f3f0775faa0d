package org.distill4j.generation.teacher;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.distill4j.core.io.InputException;

/** The kinds of teacher server distill4j can talk to, with their defaults. */
public enum Provider {
  /** Any OpenAI-compatible chat-completions server: OpenAI, vLLM, llama.cpp, LM Studio. */
  OPENAI("openai", "https://api.openai.com/v1", "OPENAI_API_KEY",
      "start an OpenAI-compatible server (e.g. `vllm serve MODEL` or `llama-server -m MODEL`)"
          + " and point --base-url at it, e.g. http://localhost:8000/v1"),
  /** A local Ollama server. */
  OLLAMA("ollama", "http://localhost:11434", null,
      "start it with `ollama serve` (and `ollama pull MODEL`), or point --base-url at a running"
          + " Ollama"),
  /** Anthropic's Messages API. */
  ANTHROPIC("anthropic", "https://api.anthropic.com/v1/", "ANTHROPIC_API_KEY",
      "check the network and --base-url"),
  /** Google's Gemini API. */
  GEMINI("gemini", "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY",
      "check the network and --base-url");

  private final String id;
  private final String defaultBaseUrl;
  private final String defaultKeyEnv;
  private final String howToStart;

  Provider(String id, String defaultBaseUrl, String defaultKeyEnv, String howToStart) {
    this.id = id;
    this.defaultBaseUrl = defaultBaseUrl;
    this.defaultKeyEnv = defaultKeyEnv;
    this.howToStart = howToStart;
  }

  public String id() {
    return id;
  }

  public String defaultBaseUrl() {
    return defaultBaseUrl;
  }

  /** The environment variable read for the API key when the config names none; null if none. */
  public String defaultKeyEnv() {
    return defaultKeyEnv;
  }

  /** What to tell a user whose teacher cannot be reached. */
  public String howToStart() {
    return howToStart;
  }

  /** Parses {@code openai}, {@code ollama}, {@code anthropic} or {@code gemini}. */
  public static Provider fromId(String id) {
    for (Provider p : values()) {
      if (p.id.equals(id == null ? null : id.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new InputException(
        "unknown teacher \"" + id + "\"; expected one of "
            + Arrays.stream(values()).map(Provider::id).collect(Collectors.joining(", ")));
  }
}
