package org.distill4j.neural.bert;

/**
 * One input of a cross-encoder: a text, or a text and a second segment (answer, explanation,
 * passage, retrieved facts) that the tokenizer joins with {@code [SEP]} and type id 1.
 *
 * @param first the first segment, never null
 * @param second the second segment, or {@code null} for a single text
 */
public record TextPair(String first, String second) {
  public TextPair {
    if (first == null) {
      throw new IllegalArgumentException("a text pair needs its first segment");
    }
  }

  /** A single text. */
  public static TextPair of(String text) {
    return new TextPair(text, null);
  }

  /** Whether there is a second segment. */
  public boolean paired() {
    return second != null;
  }
}
