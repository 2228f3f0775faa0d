package org.distill4j.teacher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes credentials from text before it is written or printed. Servers echo keys back in error
 * bodies ("Incorrect API key provided: sk-..."), and those bodies end up in failures.jsonl,
 * manifests and error lines; so the known key values are replaced wherever they occur, and so is
 * the value of anything that looks like an auth header, whatever key it holds.
 */
public final class SecretRedactor {
  /** What a secret is replaced with. */
  public static final String MASK = "[REDACTED]";

  // Header-like credentials: "Authorization: Bearer x", "x-api-key: x", "api_key=x", JSON
  // "\"api-key\": \"x\"" and a bare "Bearer x". The value ends at a quote, comma, space or brace.
  private static final Pattern HEADERS = Pattern.compile(
      "(?i)(\\b(?:authorization|proxy-authorization|x-api-key|api[-_]?key|x-goog-api-key)"
          + "\"?\\s*[:=]\\s*\"?(?:(?:bearer|basic)\\s+)?)([^\\s\"',;}]+)"
          + "|(\\b(?:bearer|basic)\\s+)([A-Za-z0-9._~+/=-]{4,})");

  private static final SecretRedactor PATTERNS_ONLY = new SecretRedactor(List.of());

  private final List<String> secrets;

  private SecretRedactor(List<String> secrets) {
    this.secrets = secrets;
  }

  /** Redacts the given values (blank or very short ones are ignored) and header-like values. */
  public static SecretRedactor of(Collection<String> secrets) {
    List<String> kept = new ArrayList<>();
    for (String s : secrets) {
      // A one-letter "key" would mask every such letter: local servers often take any key.
      if (s != null && s.strip().length() >= 4) {
        kept.add(s.strip());
      }
    }
    // Longest first, so a key containing another key is masked whole.
    kept.sort(Comparator.comparingInt(String::length).reversed());
    return kept.isEmpty() ? PATTERNS_ONLY : new SecretRedactor(List.copyOf(kept));
  }

  /** Header-like values only, for when no key value is known. */
  public static SecretRedactor patternsOnly() {
    return PATTERNS_ONLY;
  }

  /**
   * The text with the known key values masked, and nothing else: for reply texts, which are
   * many and may legitimately say "Bearer" (a plain search per key costs next to nothing).
   */
  public String redactValues(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String s : secrets) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  /** The text with every secret masked; null stays null. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = redactValues(text);
    Matcher m = HEADERS.matcher(out);
    if (!m.find()) {
      return out;
    }
    StringBuilder b = new StringBuilder(out.length());
    do {
      String prefix = m.group(1) != null ? m.group(1) : m.group(3);
      String value = m.group(1) != null ? m.group(2) : m.group(4);
      m.appendReplacement(b, Matcher.quoteReplacement(value.equals(MASK) ? m.group()
          : prefix + MASK));
    } while (m.find());
    m.appendTail(b);
    return b.toString();
  }
}
