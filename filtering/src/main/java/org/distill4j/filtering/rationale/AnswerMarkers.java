package org.distill4j.filtering.rationale;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the places where a completion names its final answer, in the forms teachers write:
 * {@code #### 42} (GSM8K), {@code \boxed{42}} (LaTeX, nested braces allowed), "the answer is 42",
 * "The final answer is 42", "Final answer: 42", "answer: (B)", and a line {@code A: 42} or
 * {@code Answer: 42}. The last two also open a reasoning in few-shot prompts ("A: Natalia
 * sold..."), so they count only when what follows is short: a bare answer, not a passage.
 */
final class AnswerMarkers {
  private static final Pattern HASHES = Pattern.compile("####\\s*([^\\n]*)");
  private static final Pattern BOXED = Pattern.compile("\\\\(?:boxed|fbox)\\s*\\{");
  private static final Pattern ANSWER_IS = Pattern.compile("(?i)\\banswer\\s*(?:"
      + "(?:is|would\\s+be|will\\s+be)\\s*:?|:)\\s*([^\\n]*)");
  private static final Pattern LINE_ANSWER = Pattern.compile(
      "(?im)^[ \\t*]*(?:A|Answer)[ \\t*]*:[ \\t*]*([^\\n]*)$");
  /**
   * Sentence ends and clause breaks after which a phrase no longer names the answer; a comma
   * before another number or option ("5, 6") continues a list, which then names two answers.
   */
  private static final Pattern PHRASE_END = Pattern.compile(
      "[.;!?](?=\\s|$)|,\\s(?![\\d(\u2212$-]|and\\b|or\\b)|\\n"
          + "|\\s(?:because|since|as|which|so)\\s");
  private static final int MAX_BARE_WORDS = 6;

  private AnswerMarkers() {}

  /**
   * One place naming a final answer.
   *
   * @param at where in the text, for ordering
   * @param form how it was written, for messages
   * @param phrase the answer phrase as written, cut at its sentence end
   */
  record Marker(int at, String form, String phrase) {}

  /** Every marker in {@code text}, in order of position. */
  static List<Marker> find(String text) {
    List<Marker> out = new ArrayList<>();
    Matcher h = HASHES.matcher(text);
    while (h.find()) {
      out.add(new Marker(h.start(), "####", clause(h.group(1))));
    }
    Matcher b = BOXED.matcher(text);
    while (b.find()) {
      String inner = braced(text, b.end());
      if (inner != null) {
        out.add(new Marker(b.start(), "\\boxed{}", Latex.plain(inner)));
      }
    }
    Matcher a = ANSWER_IS.matcher(text);
    // Each phrase runs to the end of its line; the next search starts inside it so that a second
    // "answer is" on the same line is found too.
    for (int from = 0; from < text.length() && a.find(from); from = a.start() + 1) {
      if (!insideLineAnswer(text, a.start())) {
        out.add(new Marker(a.start(), "\"answer is\"", clause(a.group(1))));
      }
    }
    Matcher l = LINE_ANSWER.matcher(text);
    while (l.find()) {
      String phrase = l.group(1).strip().replaceAll("[.\\s]+$", "");
      // "A: The answer is 42" is read by the "answer is" marker already.
      if (!phrase.isEmpty() && phrase.split("\\s+").length <= MAX_BARE_WORDS
          && !phrase.contains(". ") && !phrase.toLowerCase(Locale.ROOT).contains("answer")) {
        out.add(new Marker(l.start(), "\"A:\" line", phrase));
      }
    }
    out.sort(Comparator.comparingInt(Marker::at));
    return out;
  }

  /** True when the "answer:" at {@code at} is the line's own "Answer:" label (handled apart). */
  private static boolean insideLineAnswer(String text, int at) {
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    return text.substring(lineStart, at).replaceAll("[ \\t*]", "").isEmpty()
        && text.regionMatches(true, at, "answer", 0, 6)
        && colonFollows(text, at + 6);
  }

  /** Whether a ':' comes next in {@code text} from {@code from}, past spaces and '*'. */
  private static boolean colonFollows(String text, int from) {
    int i = from;
    while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '*')) {
      i++;
    }
    return i < text.length() && text.charAt(i) == ':';
  }

  /**
   * The phrase up to its first sentence end; after an "=" only the result counts, so
   * "18 + 12 = 30" names 30.
   */
  static String clause(String phrase) {
    Matcher end = PHRASE_END.matcher(phrase);
    String p = end.find() ? phrase.substring(0, end.start()) : phrase;
    p = AnswerNumbers.withoutNotes(p);
    int eq = p.lastIndexOf('=');
    if (eq >= 0 && eq + 1 < p.length() && !p.substring(eq + 1).isBlank()) {
      p = p.substring(eq + 1);
    }
    return p.replace("*", "").strip();
  }

  /** The text inside the braces opening just before {@code from}, or null when unbalanced. */
  private static String braced(String text, int from) {
    int depth = 1;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(from, i);
      }
    }
    return null;
  }

  /** The LaTeX that appears inside answers, rewritten as the plain text a reader would type. */
  static final class Latex {
    private static final Pattern FRAC = Pattern.compile(
        "\\\\[dt]?frac\\s*\\{([^{}]*)\\}\\s*\\{([^{}]*)\\}");
    private static final Pattern TEXT = Pattern.compile(
        "\\\\(?:text|textbf|mathrm|mbox)\\s*\\{([^{}]*)\\}");

    private Latex() {}

    static String plain(String latex) {
      String s = latex;
      String before;
      do {
        before = s;
        s = FRAC.matcher(s).replaceAll("$1/$2");
        s = TEXT.matcher(s).replaceAll("$1");
      } while (!s.equals(before));
      s = s.replace("\\%", "%").replace("\\$", "$").replace("\\!", "").replace("\\,", ",")
          .replace("\\left", "").replace("\\right", "").replace("^\\circ", "")
          .replace("\\cdot", "*").replace("$", "");
      return s.replaceAll("\\\\[;: ]", " ").replace("{", "").replace("}", "").strip();
    }
  }
}
