package org.distill4j.teacher.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.distill4j.teacher.ChatTurn;

/**
 * OpenAI's own encodings through jtokkit: {@code o200k_base} for the GPT-4o, GPT-4.1, GPT-5 and
 * o-series families, {@code cl100k_base} for GPT-4 and GPT-3.5. Chat messages add OpenAI's
 * documented rule of thumb for the chat format (the cookbook's {@code num_tokens_from_messages}):
 * 3 tokens per message plus its role's tokens, and 3 for the reply's priming. The server's own
 * count can differ by a few tokens per request (e.g. when a JSON schema is sent).
 */
public final class TiktokenCounter implements TokenCounter {
  /** Tokens per message of the chat format: start, role separator, end. */
  static final int PER_MESSAGE = 3;
  /** Tokens that prime every reply ({@code <|start|>assistant<|message|>}). */
  static final int REPLY_PRIMING = 3;
  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private final Encoding encoding;

  public TiktokenCounter(EncodingType type) {
    this.encoding = REGISTRY.getEncoding(type);
  }

  /**
   * The encoding of an OpenAI model name, or empty for a name this rule does not know (e.g. an
   * open model served by vLLM under the openai provider). Decided here rather than by jtokkit's
   * own model table, which reads {@code gpt-4.1} as {@code gpt-4} (cl100k_base).
   */
  public static Optional<EncodingType> encodingFor(String model) {
    String m = model.toLowerCase(Locale.ROOT);
    if (m.startsWith("gpt-4o") || m.startsWith("chatgpt-4o") || m.startsWith("gpt-4.1")
        || m.startsWith("gpt-4.5") || m.startsWith("gpt-5") || m.matches("o[134](-.*)?")) {
      return Optional.of(EncodingType.O200K_BASE);
    }
    if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5")) {
      return Optional.of(EncodingType.CL100K_BASE);
    }
    return Optional.empty();
  }

  @Override
  public long count(List<ChatTurn> messages) {
    long n = REPLY_PRIMING;
    for (ChatTurn t : messages) {
      n += PER_MESSAGE + countText(t.role().name().toLowerCase(Locale.ROOT)) + countText(t.text());
    }
    return n;
  }

  @Override
  public long countText(String text) {
    // Ordinary: a prompt that happens to contain "<|endoftext|>" is text to the server too.
    return encoding.countTokensOrdinary(text);
  }

  @Override
  public String method() {
    return encoding.getName() + " (jtokkit) + OpenAI's chat-format rule of thumb (3 tokens per"
        + " message + its role, 3 per reply)";
  }

  @Override
  public boolean exact() {
    return true;
  }
}
