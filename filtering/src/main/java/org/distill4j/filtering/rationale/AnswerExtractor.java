package org.distill4j.filtering.rationale;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.knowledge.TextNormalizer;

/**
 * Reads the final answer out of a teacher's free-text reasoning. Understands the GSM8K form
 * ({@code #### 42}), the few-shot chain-of-thought form ("So the answer is (b) train station."),
 * and bare option letters or option texts. Multiple-choice answers resolve to the option index so
 * that "(c)", "c) train station" and "train station" agree.
 */
public final class AnswerExtractor {
  private static final Pattern HASHES = Pattern.compile("####\\s*([^\\n]+)");
  private static final Pattern ANSWER_IS = Pattern.compile(
      "(?i)(?:the\\s+)?(?:final\\s+)?answer\\s+(?:is|would\\s+be|=)\\s*:?\\s*([^\\n]+)");
  private static final Pattern LETTER = Pattern.compile(
      "^\\(?([a-zA-Z])\\)(?:\\s+(.*))?$|^\\(?([a-zA-Z])\\)?[.:]?$");
  private static final Pattern NUMBER = Pattern.compile("-?\\$?\\d[\\d,]*(?:\\.\\d+)?");
  private static final Pattern NEXT_QUESTION = Pattern.compile("\\n\\s*\\n\\s*Q:");

  private AnswerExtractor() {}

  /**
   * The completion up to the first blank line followed by "Q:": few-shot prompted models go on
   * writing the next example, whose answer must not be read as this one's.
   */
  public static String cut(String completion) {
    Matcher m = NEXT_QUESTION.matcher(completion);
    return m.find() ? completion.substring(0, m.start()) : completion;
  }

  /** Extracts the answer from a completion; {@code choices} may be empty for open questions. */
  public static Extraction extract(String completion, List<String> choices) {
    String text = cut(completion);
    Matcher h = HASHES.matcher(text);
    if (h.find()) {
      String n = number(h.group(1));
      return n != null ? new Extraction(n, -1, "number after ####")
          : Extraction.none("text after #### is not a number: \"" + h.group(1).strip() + "\"");
    }
    Matcher a = ANSWER_IS.matcher(text);
    String phrase = null;
    while (a.find()) {
      phrase = a.group(1); // the last "answer is" wins: models restate before concluding
    }
    if (phrase == null) {
      return Extraction.none("no \"answer is\" phrase and no ####");
    }
    phrase = phrase.strip().replaceAll("[.\\s]+$", "");
    return resolve(phrase, choices);
  }

  /** Resolves an answer phrase (letter, option text, number or free text) against the options. */
  public static Extraction resolve(String phrase, List<String> choices) {
    if (!choices.isEmpty()) {
      int i = matchChoice(phrase, choices);
      if (i >= 0) {
        return new Extraction(TextNormalizer.normalize(choices.get(i)), i, "option "
            + (char) ('a' + i));
      }
      return Extraction.none("\"" + phrase + "\" matches none of the options");
    }
    String n = number(phrase);
    if (n != null && NUMBER.matcher(phrase.strip()).matches()) {
      return new Extraction(n, -1, "number");
    }
    String norm = TextNormalizer.normalize(phrase);
    return norm.isEmpty() ? Extraction.none("empty answer") : new Extraction(norm, -1, "text");
  }

  /**
   * The index of the option that {@code answer} names, by letter ("(b)", "b", "b) text") or by
   * text (exact after normalisation, or the only option contained in the answer); -1 when none or
   * ambiguous.
   */
  public static int matchChoice(String answer, List<String> choices) {
    String a = answer.strip();
    Matcher m = LETTER.matcher(a);
    if (m.matches()) {
      String letter = m.group(1) != null ? m.group(1) : m.group(3);
      int i = Character.toLowerCase(letter.charAt(0)) - 'a';
      // "a" alone is also an English article; accept it only when it is within the options.
      if (i >= 0 && i < choices.size()) {
        String rest = m.group(2);
        if (rest == null || rest.isBlank()
            || TextNormalizer.normalize(rest).equals(TextNormalizer.normalize(choices.get(i)))) {
          return i;
        }
        int byText = byText(rest, choices);
        return byText >= 0 ? byText : i;
      }
    }
    return byText(a, choices);
  }

  private static int byText(String a, List<String> choices) {
    String na = TextNormalizer.normalize(a);
    for (int i = 0; i < choices.size(); i++) {
      if (TextNormalizer.normalize(choices.get(i)).equals(na)) {
        return i;
      }
    }
    String padded = " " + words(na) + " ";
    int best = -1;
    for (int i = 0; i < choices.size(); i++) {
      String c = words(TextNormalizer.normalize(choices.get(i)));
      if (c.isEmpty() || !padded.contains(" " + c + " ")) {
        continue;
      }
      if (best < 0) {
        best = i;
        continue;
      }
      String b = words(TextNormalizer.normalize(choices.get(best)));
      // Two options named: keep the longer only when it contains the shorter ("book store" over
      // "book"); otherwise the answer is ambiguous.
      if ((" " + c + " ").contains(" " + b + " ")) {
        best = i;
      } else if (!(" " + b + " ").contains(" " + c + " ")) {
        return -1;
      }
    }
    return best;
  }

  private static String words(String s) {
    return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** A number in canonical form ("1,234.50" and "$1234.5" give "1234.5"), or null. */
  public static String number(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      return null;
    }
    String raw = m.group().replace(",", "").replace("$", "");
    try {
      BigDecimal d = new BigDecimal(raw).stripTrailingZeros();
      return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** True when two canonical answers are the same (numbers compared by value). */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    String na = number(a);
    String nb = number(b);
    if (na != null && nb != null && NUMBER.matcher(a.strip()).matches()
        && NUMBER.matcher(b.strip()).matches()) {
      return new BigDecimal(na).compareTo(new BigDecimal(nb)) == 0;
    }
    return TextNormalizer.normalize(a).equals(TextNormalizer.normalize(b).toLowerCase(Locale.ROOT));
  }
}
