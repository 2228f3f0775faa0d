package org.distill4j.filtering.rationale;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Numbers as teachers write them in final answers: a sign (ASCII hyphen or Unicode minus, written against the digits), a currency
 * sign, thousands separators ({@code 1,234}), decimals and fractions ({@code 3/4}); a trailing
 * percent sign or unit word is not part of the number. The canonical form makes equal values
 * equal strings: {@code 42}, {@code 42.0} and {@code 42.00} are {@code 42}; {@code 3/4} is
 * {@code 0.75}; a fraction with no finite decimal stays a reduced fraction ({@code 1/3}).
 */
final class AnswerNumbers {
  private static final Pattern NUMBER = Pattern.compile(
      "(?<![\\w.,/])([-\u2212])?[$\u20ac\u00a3\u00a5]?\\s?"
          + "(\\d{1,3}(?:,\\d{3})+(?![\\d,])|\\d+)(\\.\\d+)?(?:\\s?/\\s?(\\d+)(?![\\d.]))?");
  // A phrase that is a number alone, allowing a currency sign before and % after.
  private static final Pattern ALONE = Pattern.compile(
      "\\s*[-\u2212]?\\s?[$\u20ac\u00a3\u00a5]?\\s?[\\d.,/ ]+%?\\s*");
  private static final Pattern CALCULATOR_NOTE = Pattern.compile("<<[^>\\n]*>>");
  private static final BigInteger TWO = BigInteger.TWO;
  private static final BigInteger FIVE = BigInteger.valueOf(5);

  private AnswerNumbers() {}

  /** The text without GSM8K calculator notes ({@code <<48/2=24>>}), whose numbers are not answers. */
  static String withoutNotes(String text) {
    return CALCULATOR_NOTE.matcher(text).replaceAll(" ");
  }

  /** The distinct canonical values of the numbers in {@code text}, in order of appearance. */
  static List<String> values(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = NUMBER.matcher(withoutNotes(text));
    while (m.find()) {
      String c = canonical(m);
      if (c != null) {
        out.add(c);
      }
    }
    return new ArrayList<>(out);
  }

  /** The canonical value of the first number in {@code text}, or null when there is none. */
  static String first(String text) {
    Matcher m = NUMBER.matcher(withoutNotes(text));
    while (m.find()) {
      String c = canonical(m);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  /** True when {@code text} is one number and nothing else but a currency or percent sign. */
  static boolean isAlone(String text) {
    return ALONE.matcher(text).matches() && values(text).size() == 1;
  }

  private static String canonical(Matcher m) {
    boolean negative = m.group(1) != null;
    BigDecimal value = new BigDecimal(m.group(2).replace(",", "")
        + (m.group(3) == null ? "" : m.group(3)));
    if (negative) {
      value = value.negate();
    }
    if (m.group(4) == null) {
      return plain(value);
    }
    if (m.group(3) != null) {
      return null; // "1.5/2" is no form anyone writes an answer in
    }
    BigInteger den = new BigInteger(m.group(4));
    if (den.signum() == 0) {
      return null;
    }
    return fraction(value.toBigIntegerExact(), den);
  }

  private static String fraction(BigInteger num, BigInteger den) {
    BigInteger g = num.gcd(den);
    num = num.divide(g);
    den = den.divide(g);
    BigInteger rest = den;
    while (rest.mod(TWO).signum() == 0) {
      rest = rest.divide(TWO);
    }
    while (rest.mod(FIVE).signum() == 0) {
      rest = rest.divide(FIVE);
    }
    if (rest.equals(BigInteger.ONE)) {
      return plain(new BigDecimal(num).divide(new BigDecimal(den)));
    }
    return num + "/" + den;
  }

  private static String plain(BigDecimal d) {
    d = d.stripTrailingZeros();
    if (d.signum() == 0) {
      return "0";
    }
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
