package org.distill4j.cli.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.io.InputException;

/**
 * A side feature computed from a table row rather than read from one column, spelled on the
 * command line as {@code NAME=FUNCTION(ARG|ARG…)}. Every argument is a template naming columns in
 * braces ({@code '{question} {gold}'}); a bare word is one column. The functions are those the
 * best critic in EVALUATION.md needed:
 *
 * <ul>
 *   <li>{@code cosine(A|B)}: cosine of the MiniLM embeddings of A and B (0 when either is blank)
 *   <li>{@code centred(X|G)}: the number X minus the mean of X over the rows sharing group G
 *   <li>{@code log-words(A)}: ln(1 + number of words in A)
 *   <li>{@code mentions(A|B)}: 1 when B's words occur as a phrase in A, else 0
 *   <li>{@code mentions-other(A|LIST|B)}: how many entries of the comma-separated LIST other
 *       than B occur in A (a final "or" is read as a comma)
 * </ul>
 *
 * @param name the side feature's name, as the critic stores it
 * @param function one of the functions above
 * @param args the argument templates
 */
record DerivedFeature(String name, String function, List<String> args) {
  private static final Pattern SPEC =
      Pattern.compile("\\s*([\\w.-]+)\\s*=\\s*([a-z-]+)\\s*\\((.*)\\)\\s*", Pattern.DOTALL);
  private static final Pattern FIELD = Pattern.compile("\\{([^{}]+)}");
  static final Map<String, Integer> ARITY = Map.of("cosine", 2, "centred", 2, "log-words", 1,
      "mentions", 2, "mentions-other", 3);

  DerivedFeature {
    args = List.copyOf(args);
  }

  /** Parses {@code NAME=FUNCTION(ARG|ARG…)}, naming what is wrong and what would be valid. */
  static DerivedFeature parse(String spec) {
    Matcher m = SPEC.matcher(spec);
    if (!m.matches()) {
      throw new InputException("--feature \"" + spec + "\": expected NAME=FUNCTION(ARG|ARG...),"
          + " e.g. support=cosine({question} {gold}|{explanation}); functions: "
          + String.join(", ", ARITY.keySet().stream().sorted().toList()));
    }
    String fn = m.group(2);
    List<String> args = new ArrayList<>();
    for (String a : m.group(3).split("\\|", -1)) {
      args.add(template(a));
    }
    Integer arity = ARITY.get(fn);
    if (arity == null || arity != args.size() || args.stream().anyMatch(String::isEmpty)) {
      throw new InputException("--feature \"" + spec + "\": " + (arity == null
          ? "unknown function \"" + fn + "\"; known: " + String.join(", ",
              ARITY.keySet().stream().sorted().toList())
          : fn + " takes " + arity + " arguments separated by |, found " + args.size()));
    }
    return new DerivedFeature(m.group(1), fn, args);
  }

  /** The spelling {@link #parse} reads back (saved with the critic). */
  String spec() {
    return name + "=" + function + "(" + String.join("|", args) + ")";
  }

  /** A template as given: one with braces as is, a bare word as that one column. */
  static String template(String given) {
    String t = given.strip();
    return FIELD.matcher(t).find() || t.isEmpty() ? t : "{" + t + "}";
  }

  /** The columns the arguments name. */
  List<String> columns() {
    List<String> out = new ArrayList<>();
    args.forEach(a -> columnsOf(a, out));
    return out;
  }

  /** Adds the columns {@code template} names to {@code out}, once each. */
  static void columnsOf(String template, List<String> out) {
    Matcher m = FIELD.matcher(template);
    while (m.find()) {
      if (!out.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
  }

  /** Argument {@code i} filled from a row's columns. */
  String arg(int i, Map<String, String> columns) {
    return fill(args.get(i), columns);
  }

  /** {@code template} with each {column} replaced by the row's value. */
  static String fill(String template, Map<String, String> columns) {
    Matcher m = FIELD.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String v = columns.get(m.group(1));
      m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? "" : v));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
