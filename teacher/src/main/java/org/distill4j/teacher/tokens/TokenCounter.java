package org.distill4j.teacher.tokens;

import java.util.List;
import org.distill4j.teacher.ChatTurn;

/**
 * Counts the prompt tokens of a request before it is sent, to project what a run will cost.
 * Which counting a number came from matters as much as the number: {@link #method()} says it,
 * and {@link #exact()} tells a real tokenizer from an estimate.
 */
public interface TokenCounter extends AutoCloseable {

  /** The prompt tokens of {@code messages} as the server will count them, or an estimate. */
  long count(List<ChatTurn> messages);

  /** The tokens of a piece of text alone (no chat format). */
  long countText(String text);

  /** How the counting is done, in words, e.g. "o200k_base (jtokkit) + OpenAI chat overhead". */
  String method();

  /** True for the model family's own tokenizer, false for an estimate. */
  boolean exact();

  /** Releases a native tokenizer; nothing for the others. */
  @Override
  default void close() {}
}
