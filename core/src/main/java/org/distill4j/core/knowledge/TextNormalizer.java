package org.distill4j.core.knowledge;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The normal form used for content ids and exact dedup: Unicode NFKC, lower case, runs of
 * whitespace collapsed, trailing sentence punctuation dropped. Two items a reader would call the
 * same text get the same normal form.
 */
public final class TextNormalizer {
  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern TRAILING_PUNCT = Pattern.compile("[\\s.!?;,]+$");

  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null) {
      return "";
    }
    String fast = normalizePlainAscii(text);
    return fast != null ? fast : normalizeUnicode(text);
  }

  /** The general definition, for any text. */
  static String normalizeUnicode(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = SPACE.matcher(s).replaceAll(" ").strip();
    return TRAILING_PUNCT.matcher(s).replaceAll("");
  }

  /**
   * The same result as {@link #normalizeUnicode} in one pass, for text of printable ASCII and the
   * six characters {@code \s} matches; null for any other text. Content ids hash every field of
   * every generated item, and for such text NFKC is the identity, lower-casing is A–Z only, and
   * the only whitespace {@code strip()} can meet is what {@code \s} already collapsed.
   */
  static String normalizePlainAscii(String text) {
    int n = text.length();
    char[] out = new char[n];
    int len = 0;
    boolean pendingSpace = false;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        pendingSpace = len > 0;
        continue;
      }
      if (c < 0x20 || c > 0x7E) {
        return null;
      }
      if (pendingSpace) {
        out[len++] = ' ';
        pendingSpace = false;
      }
      out[len++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }
    // Trailing whitespace was never emitted; now drop trailing sentence punctuation and any
    // spaces between those marks.
    while (len > 0 && isTrailingMark(out[len - 1])) {
      len--;
    }
    return new String(out, 0, len);
  }

  private static boolean isTrailingMark(char c) {
    return c == ' ' || c == '.' || c == '!' || c == '?' || c == ';' || c == ',';
  }
}
