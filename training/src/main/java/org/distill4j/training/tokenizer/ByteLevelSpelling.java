package org.distill4j.training.tokenizer;

/**
 * How byte-level BPE vocabularies (GPT-2, Llama 3, Qwen2) spell bytes: each byte as one
 * printable character, so that a space is {@code Ġ} and a newline {@code Ċ}. Printable Latin-1
 * bytes stand for themselves; the other 68 take the characters from U+0100 on, in byte order.
 */
final class ByteLevelSpelling {
  private static final char[] CHARS = new char[256];

  static {
    int next = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = b >= '!' && b <= '~' || b >= 0xA1 && b <= 0xAC || b >= 0xAE;
      CHARS[b] = printable ? (char) b : (char) (256 + next++);
    }
  }

  private ByteLevelSpelling() {}

  /** The vocabulary spelling of {@code bytes}. */
  static String of(byte[] bytes) {
    StringBuilder s = new StringBuilder(bytes.length);
    for (byte b : bytes) {
      s.append(CHARS[b & 0xff]);
    }
    return s.toString();
  }
}
