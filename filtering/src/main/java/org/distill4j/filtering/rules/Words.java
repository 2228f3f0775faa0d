package org.distill4j.filtering.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-case word tokens (letters, digits and inner apostrophes), the unit that
 * length bounds, overlap checks, shingles and distinct-n all count in. Written as a scanner rather
 * than a regex because dedup calls it a million times.
 */
public final class Words {
  private Words() {}

  /** The words of {@code text}, lower-cased, in order. */
  public static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      while (i < n && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && (Character.isLetterOrDigit(text.charAt(i))
          || (text.charAt(i) == '\'' && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))
              && i > start))) {
        i++;
      }
      if (i > start) {
        out.add(text.substring(start, i).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
