package org.distill4j.filtering.judge;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a numeric rating from a judge's free-text reply. Judges ignore formats: they write
 * "Score: 4/5", "I'd give it a 4 out of 5", "on a scale of 0 to 3 I rate this 3", "Rating: four",
 * a bare "4", or "7.5" on an unasked-for scale. In order of trust:
 *
 * <ol>
 *   <li>an explicit scale ("on a scale of A to B ... N"): N rescaled linearly from A..B;
 *   <li>a fraction ("N/M", "N out of M"): N as is when M is the rubric's maximum, otherwise
 *       rescaled from 1..M;
 *   <li>a labelled score ("Score: N", "rating of N", "I rate this N", "final score is N"); the
 *       last one wins, since judges often revise;
 *   <li>a reply that is only a number.
 * </ol>
 *
 * A number outside the rubric's range that no stated scale explains is not clamped: the reply
 * gets no score, with the reason. Number words one to ten are understood.
 */
public final class JudgeScoreParser {
  private static final String NUM = "(\\d+(?:\\.\\d+)?|zero|one|two|three|four|five|six|seven"
      + "|eight|nine|ten)";
  private static final Pattern SCALE = Pattern.compile("(?i)scale\\s+(?:of|from)\\s+" + NUM
      + "\\s*(?:to|-|–)\\s*" + NUM + "\\b[^0-9]{0,80}?\\b" + NUM + "(?!\\s*(?:to|-|–)\\s*\\d)");
  private static final Pattern FRACTION = Pattern.compile("(?i)\\b" + NUM
      + "\\s*(?:/|out\\s+of)\\s*" + NUM + "\\b");
  private static final Pattern LABEL = Pattern.compile("(?i)(?:score|rating|grade|rate[sd]?"
      + "(?:\\s+(?:this|it|the\\s+item))?|give\\s+(?:it|this)(?:\\s+an?)?)[\\s*]*(?:is|of|:|=|as)?"
      + "[\\s*]*(?:an?\\s+)?[\\s*]*" + NUM + "\\b");
  private static final Pattern BARE = Pattern.compile("^\\W*" + NUM + "\\W*$",
      Pattern.CASE_INSENSITIVE);
  private static final Map<String, Double> WORDS = Map.ofEntries(Map.entry("zero", 0.0),
      Map.entry("one", 1.0), Map.entry("two", 2.0), Map.entry("three", 3.0),
      Map.entry("four", 4.0), Map.entry("five", 5.0), Map.entry("six", 6.0),
      Map.entry("seven", 7.0), Map.entry("eight", 8.0), Map.entry("nine", 9.0),
      Map.entry("ten", 10.0));

  private final double min;
  private final double max;

  /** @param min the rubric's lowest score; @param max its highest */
  public JudgeScoreParser(double min, double max) {
    if (!(max > min)) {
      throw new IllegalArgumentException("scale max must exceed min, found " + min + ".." + max);
    }
    this.min = min;
    this.max = max;
  }

  /** The score in {@code reply}, or null with the reason. */
  public JudgeScore parse(String reply) {
    if (reply == null || reply.isBlank()) {
      return new JudgeScore(null, "empty reply");
    }
    Matcher s = SCALE.matcher(reply);
    if (s.find()) {
      double lo = value(s.group(1));
      double hi = value(s.group(2));
      double v = value(s.group(3));
      if (hi > lo && v >= lo && v <= hi) {
        return new JudgeScore(rescale(v, lo, hi), "rescaled from " + fmt(lo) + "-" + fmt(hi));
      }
    }
    Matcher f = FRACTION.matcher(reply);
    Double fromFraction = null;
    String fractionHow = null;
    while (f.find()) {
      double v = value(f.group(1));
      double of = value(f.group(2));
      if (of == max && v >= min && v <= max) {
        fromFraction = v;
        fractionHow = "fraction of " + fmt(of);
      } else if (of > 1 && v >= 0 && v <= of) {
        fromFraction = rescale(Math.max(v, 1), 1, of);
        fractionHow = "rescaled from 1-" + fmt(of);
      }
    }
    if (fromFraction != null) {
      return new JudgeScore(fromFraction, fractionHow);
    }
    Matcher l = LABEL.matcher(reply);
    Double labelled = null;
    while (l.find()) {
      labelled = value(l.group(1));
    }
    if (labelled != null) {
      return inRange(labelled, "score label");
    }
    Matcher b = BARE.matcher(reply.strip());
    if (b.matches()) {
      return inRange(value(b.group(1)), "bare number");
    }
    return new JudgeScore(null, "no score found in the reply");
  }

  private JudgeScore inRange(double v, String how) {
    if (v < min || v > max) {
      return new JudgeScore(null, fmt(v) + " is outside the rubric's " + fmt(min) + "-"
          + fmt(max) + " scale and the reply states no other scale");
    }
    return new JudgeScore(v, how);
  }

  private double rescale(double v, double lo, double hi) {
    return min + (v - lo) * (max - min) / (hi - lo);
  }

  private static double value(String token) {
    Double w = WORDS.get(token.toLowerCase(Locale.ROOT));
    return w != null ? w : Double.parseDouble(token);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
