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
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = SPACE.matcher(s).replaceAll(" ").strip();
    return TRAILING_PUNCT.matcher(s).replaceAll("");
  }
}
