package org.distill4j.filtering.rationale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.knowledge.TextNormalizer;

/**
 * Reads the final answer out of a teacher's free-text reasoning, in the forms teachers write
 * (see {@link AnswerMarkers}): {@code #### 42}, {@code \boxed{42}}, "the answer is 42", "The
 * final answer is 42", "Answer: (B)", a last line {@code A: 42}. Numbers may carry a sign,
 * currency, thousands separators, decimals or a fraction, and compare by value. Multiple-choice
 * answers resolve to the option index, so "(c)", "c) train station", "option C" and "train
 * station" agree.
 *
 * <p>Never guesses: when the completion names two different final answers (two markers that
 * disagree, or one phrase naming two numbers or two options) the extraction is refused with the
 * two answers in its reason.
 */
public final class AnswerExtractor {
  private static final Pattern LETTER = Pattern.compile(
      "^\\(?([a-zA-Z])[).:](?:\\s+(.*))?$|^\\(?([a-zA-Z])\\)?[.:]?$");
  private static final Pattern OPTION_WORD = Pattern.compile("(?i)^(?:option|choice)\\s+");
  private static final Pattern NEXT_QUESTION = Pattern.compile("\\n\\s*\\n\\s*Q:");
  private static final int MAX_UNIT_WORDS = 3;

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
    List<AnswerMarkers.Marker> markers = AnswerMarkers.find(text);
    if (markers.isEmpty()) {
      return Extraction.none("no final answer: no \"answer is\", ####, \\boxed{}, \"Answer:\""
          + " or \"A:\" line");
    }
    return choose(readings(markers, choices), choices.isEmpty());
  }

  /**
   * The answer of a field that holds either a bare answer ("72", "(b)") or a worked text ending in
   * one ("... #### 72", gold answers copied from GSM8K): the text is read as a completion when it
   * has a final-answer marker, else resolved as a phrase.
   */
  public static Extraction read(String field, List<String> choices) {
    List<AnswerMarkers.Marker> markers = AnswerMarkers.find(cut(field));
    return markers.isEmpty() ? resolve(field, choices)
        : choose(readings(markers, choices), choices.isEmpty());
  }

  /** What each marker names, in the markers' order. */
  static List<Extraction> readings(List<AnswerMarkers.Marker> markers, List<String> choices) {
    List<Extraction> readings = new ArrayList<>();
    for (AnswerMarkers.Marker m : markers) {
      Extraction e = m.form().equals("####") ? afterHashes(m.phrase(), choices)
          : resolve(m.phrase(), choices);
      readings.add(e.found() ? new Extraction(e.answer(), e.choice(), e.reason() + " after "
          + m.form()) : Extraction.none(e.reason() + " (after " + m.form() + ")"));
    }
    return readings;
  }

  /**
   * One answer from the readings of all markers: options or numbers outrank free text (an "answer
   * is" inside the reasoning often names no number), and two different answers, or one phrase
   * naming two numbers, refuse.
   */
  static Extraction choose(List<Extraction> readings, boolean open) {
    List<Extraction> numbers = readings.stream()
        .filter(e -> e.found() && e.reason().startsWith("number")).toList();
    List<Extraction> ambiguous = readings.stream()
        .filter(e -> !e.found() && e.reason().startsWith("names")).toList();
    List<Extraction> pool = open && !numbers.isEmpty() ? numbers
        : readings.stream().filter(Extraction::found).toList();
    if (!ambiguous.isEmpty()) {
      return ambiguous.get(0);
    }
    if (pool.isEmpty()) {
      return readings.get(readings.size() - 1);
    }
    Map<String, Extraction> distinct = new LinkedHashMap<>();
    for (Extraction e : pool) {
      distinct.putIfAbsent(e.answer(), e);
    }
    if (distinct.size() > 1) {
      List<Extraction> two = new ArrayList<>(distinct.values());
      return Extraction.none("names two different final answers: \"" + two.get(0).answer()
          + "\" (" + two.get(0).reason() + ") and \"" + two.get(1).answer() + "\" ("
          + two.get(1).reason() + ")");
    }
    return pool.get(pool.size() - 1);
  }

  /** After {@code ####} GSM8K writes a number; an option is read when there are options. */
  private static Extraction afterHashes(String phrase, List<String> choices) {
    if (!choices.isEmpty()) {
      return resolve(phrase, choices);
    }
    List<String> values = AnswerNumbers.values(phrase);
    if (values.isEmpty()) {
      return Extraction.none("text after #### is not a number: \"" + phrase + "\"");
    }
    return resolve(phrase, choices);
  }

  /**
   * Resolves an answer phrase (letter, option text, number or free text) against the options:
   * with options it must name exactly one; without, a phrase with one number (and at most a few
   * unit words) is that number, one with several numbers is refused, and anything else is text.
   */
  public static Extraction resolve(String phrase, List<String> choices) {
    String p = phrase.strip().replaceAll("[.\\s]+$", "");
    if (!choices.isEmpty()) {
      int i = matchChoice(p, choices);
      if (i >= 0) {
        return new Extraction(TextNormalizer.normalize(choices.get(i)), i, "option "
            + (char) ('a' + i));
      }
      return Extraction.none("\"" + p + "\" matches none of the options");
    }
    List<String> values = AnswerNumbers.values(p);
    if (values.size() > 1) {
      return Extraction.none("names two numbers: \"" + p + "\" (" + String.join(", ", values)
          + ")");
    }
    if (values.size() == 1 && (AnswerNumbers.isAlone(p) || unitWords(p) <= MAX_UNIT_WORDS)) {
      return new Extraction(values.get(0), -1, "number");
    }
    String norm = TextNormalizer.normalize(p);
    return norm.isEmpty() ? Extraction.none("empty answer") : new Extraction(norm, -1, "text");
  }

  /**
   * The index of the option that {@code answer} names, by letter ("(b)", "b", "B)", "option B",
   * "b) text") or by text (exact after normalisation, or the only option contained in the
   * answer); -1 when none or ambiguous.
   */
  public static int matchChoice(String answer, List<String> choices) {
    String a = OPTION_WORD.matcher(answer.strip()).replaceFirst("");
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

  /** The words of a phrase besides its numbers ("3/4 of a cup" has 3). */
  private static int unitWords(String phrase) {
    String rest = words(phrase.replaceAll("[\\d.,/]+", " "));
    return rest.isEmpty() ? 0 : rest.split(" ").length;
  }

  private static String words(String s) {
    return s.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /**
   * The first number of {@code text} in canonical form ("1,234.50" and "$1234.5" give "1234.5",
   * "3/4" gives "0.75"), or null.
   */
  public static String number(String text) {
    return AnswerNumbers.first(text);
  }

  /**
   * True when two answers are the same: numbers by value (42 = 42.0 = 42.00, 1,000 = 1000,
   * 3/4 = 0.75), anything else after text normalisation.
   */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    if (AnswerNumbers.isAlone(a) && AnswerNumbers.isAlone(b)) {
      return AnswerNumbers.first(a).equals(AnswerNumbers.first(b));
    }
    return TextNormalizer.normalize(a).equals(TextNormalizer.normalize(b));
  }
}
