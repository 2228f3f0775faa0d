package org.distill4j.neural.decoder.chat;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;

/**
 * Python's {@code time.strftime} directives in the C locale, for the {@code strftime_now} function
 * that transformers gives chat templates (Llama 3.1 writes today's date with {@code "%d %b %Y"}).
 */
final class Strftime {
  private static final Map<Character, String> PATTERNS = Map.ofEntries(
      Map.entry('Y', "yyyy"), Map.entry('y', "yy"), Map.entry('m', "MM"), Map.entry('d', "dd"),
      Map.entry('b', "MMM"), Map.entry('B', "MMMM"), Map.entry('a', "EEE"),
      Map.entry('A', "EEEE"), Map.entry('H', "HH"), Map.entry('I', "hh"), Map.entry('M', "mm"),
      Map.entry('S', "ss"), Map.entry('p', "a"), Map.entry('j', "DDD"));

  private Strftime() {}

  /**
   * Formats {@code time} as Python would.
   *
   * @throws IllegalArgumentException on a directive outside the common set above
   */
  static String format(String format, TemporalAccessor time) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 == format.length()) {
        throw new IllegalArgumentException("strftime format \"" + format + "\" ends with a lone %");
      }
      char directive = format.charAt(++i);
      if (directive == '%') {
        out.append('%');
        continue;
      }
      String pattern = PATTERNS.get(directive);
      if (pattern == null) {
        throw new IllegalArgumentException("strftime directive %" + directive + " in \"" + format
            + "\" is not supported; supported: %% and %" + String.join(" %",
                PATTERNS.keySet().stream().map(String::valueOf).sorted().toList()));
      }
      out.append(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(time));
    }
    return out.toString();
  }
}
