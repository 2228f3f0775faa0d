package org.distill4j.neural.decoder.chat;

/**
 * One turn of a conversation, as the {@code messages} list of transformers'
 * {@code apply_chat_template} holds it. Use it to build the conversations a {@link ChatTemplate}
 * renders and an {@link SftEncoder} turns into training examples.
 *
 * @param role who speaks: {@code "system"}, {@code "user"}, {@code "assistant"}, or any role the
 *     template knows; templates decide which they accept
 * @param content what is said; may be empty, never null
 */
public record ChatMessage(String role, String content) {
  /** The role whose turns an {@link SftEncoder} trains on. */
  public static final String ASSISTANT = "assistant";

  public ChatMessage {
    if (role == null || role.isBlank()) {
      throw new IllegalArgumentException("field \"role\" is missing or blank");
    }
    if (content == null) {
      throw new IllegalArgumentException("field \"content\" is missing (role " + role + ")");
    }
  }

  /** A {@code system} message. */
  public static ChatMessage system(String content) {
    return new ChatMessage("system", content);
  }

  /** A {@code user} message. */
  public static ChatMessage user(String content) {
    return new ChatMessage("user", content);
  }

  /** An {@code assistant} message. */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(ASSISTANT, content);
  }

  /** True for the assistant's turns, the ones trained on. */
  public boolean isAssistant() {
    return ASSISTANT.equals(role);
  }
}
