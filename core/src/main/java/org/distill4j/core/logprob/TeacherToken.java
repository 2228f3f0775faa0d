package org.distill4j.core.logprob;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One token as a teacher spelled it: its text and, only when they differ from the text's UTF-8
 * encoding, its raw bytes. OpenAI-style servers send decoded text plus {@code bytes}; the bytes
 * matter for a token that ends inside a multi-byte character, whose text cannot say which bytes
 * it holds. Keeping them only then keeps the stored form small.
 *
 * @param text the {@code token} field as sent
 * @param bytes the {@code bytes} field when it is not the UTF-8 of {@code text}; else null
 */
public record TeacherToken(String text, byte[] bytes) {
  public TeacherToken {
    if (text == null) {
      throw new IllegalArgumentException("a teacher token needs its text (field \"token\")");
    }
    if (bytes != null) {
      bytes = bytes.clone();
      if (Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8))) {
        bytes = null;
      }
    }
  }

  /** A token whose bytes are its text's UTF-8 (or unknown). */
  public static TeacherToken of(String text) {
    return new TeacherToken(text, null);
  }

  /** True when the teacher sent bytes that are not the UTF-8 of the text. */
  public boolean hasOwnBytes() {
    return bytes != null;
  }

  /** The token's bytes: those the teacher sent, else the UTF-8 of its text. */
  public byte[] utf8() {
    return bytes != null ? bytes.clone() : text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] bytes() {
    return bytes == null ? null : bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TeacherToken t && text.equals(t.text) && Arrays.equals(bytes, t.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * text.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return bytes == null ? text : text + "[" + HexFormat.of().formatHex(bytes) + "]";
  }
}
