package org.distill4j.cli.filter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import picocli.CommandLine.Option;

/**
 * Which columns of a CSV, TSV or plain JSON Lines file hold a critic's inputs, so labelled data
 * is used in the shape people have it instead of through a converter. Rows are read by core's
 * {@link SeedReader} (Jackson CSV), which refuses a mapped column the header lacks, naming the
 * header. Without {@code --text} files are corpus records, as before.
 */
final class RowMapping {
  private static final Pattern FIELD = Pattern.compile("\\{([^{}]+)}");
  /** Joins the two segments of a pair: BERT-style tokenizers read it as their separator. */
  static final String PAIR_SEPARATOR = org.distill4j.filtering.critic.EncoderCritic.PAIR_SEPARATOR;
  private static final Set<String> YES = Set.of("true", "1", "yes");
  private static final Set<String> NO = Set.of("false", "0", "no");

  @Option(names = "--text", paramLabel = "FIELD|TEMPLATE",
      description = "Read a CSV, TSV or JSON Lines table instead of corpus records: the column"
          + " with the text, or a template naming columns in braces, e.g. '{head} {relation}"
          + " {tail}'.")
  String text;

  @Option(names = "--pair", paramLabel = "FIELD",
      description = "With --text: a column with a second segment (e.g. the answer to a"
          + " question), joined to the text.")
  String pair;

  @Option(names = "--id", paramLabel = "FIELD",
      description = "With --text: the column with your own id, carried to the scores"
          + " (default: file:line).")
  String id;

  @Option(names = "--feature", paramLabel = "NAME=FN(ARG|ARG)",
      description = "With --text: a side feature computed from the row, saved with the critic"
          + " (repeatable): cosine(A|B) of two templates' embeddings, centred(X|G) = number X"
          + " minus its mean over rows sharing G, log-words(A), mentions(A|B),"
          + " mentions-other(A|LIST|B). E.g. support=cosine({question} {gold}|{explanation}).")
  List<String> feature = new ArrayList<>();

  /** The parsed --feature options. */
  List<DerivedFeature> features() {
    return feature.stream().map(DerivedFeature::parse).toList();
  }

  /** Templates whose columns are read too (groups, baselines, relations of evaluate). */
  private final List<String> extra = new ArrayList<>();

  /** Also reads the columns {@code template} (or a bare column) names; returns the template. */
  String alsoRead(String template) {
    String t = DerivedFeature.template(template);
    extra.add(t);
    return t;
  }

  /** Names of the derived features: side features computed here, not read from a column. */
  List<String> featureNames() {
    return features().stream().map(DerivedFeature::name).toList();
  }

  /**
   * Uses the features a critic was trained with (saved beside it), refusing different ones on
   * the command line: a critic fed other features would silently score garbage.
   */
  void useSaved(List<String> saved) {
    List<String> given = features().stream().map(DerivedFeature::spec).toList();
    List<String> want = saved.stream().map(DerivedFeature::parse).map(DerivedFeature::spec)
        .toList();
    if (!given.isEmpty() && !given.equals(want)) {
      throw new InputException("--feature differs from the critic's own features " + want
          + "; leave --feature out, the critic reads them from its folder");
    }
    feature = new ArrayList<>(saved);
  }

  /** The items with the derived features computed over the whole table. */
  List<CriticItem> withFeatures(List<CriticItem> items, TextEmbedder embedder) {
    return feature.isEmpty() ? items : DerivedFeatures.apply(items, features(), embedder);
  }

  /** True when the file is a mapped table rather than corpus records. */
  boolean mapped() {
    return text != null;
  }

  /**
   * Refuses --pair or --id without --text, which would otherwise be silently ignored, and a
   * CSV or TSV file without --text, which would otherwise fail as "invalid JSON".
   */
  void requireNoColumns(Path file) {
    if (pair != null || id != null || !feature.isEmpty()) {
      throw new InputException("--pair, --id and --feature name table columns; give --text too");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".tab")) {
      throw new InputException(new SourceLocation(file, 0), "a CSV or TSV table needs --text"
          + " to name the column with the text (and --label the one with the label)");
    }
  }

  /** The columns the text is built from: one, or those a template names. */
  List<String> textColumns() {
    List<String> out = new ArrayList<>();
    Matcher m = FIELD.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out.isEmpty() ? List.of(text) : out;
  }

  /**
   * The seed fields to read, keyed by the option that names each column, so a column the
   * header lacks is reported as e.g. {@code field "--label" maps to column "ok"}.
   */
  FieldMapping fields(String label, List<String> side) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : textColumns()) {
      m.put(textColumns().size() == 1 && c.equals(text) ? "--text" : "--text {" + c + "}", c);
    }
    if (pair != null) {
      m.put("--pair", pair);
    }
    if (id != null) {
      m.put("--id", id);
    }
    if (label != null) {
      m.put("--label", label);
    }
    List<String> derived = featureNames();
    side.stream().filter(s -> !derived.contains(s))
        .forEach(s -> m.put("--side-features " + s, s));
    List<String> cols = new ArrayList<>();
    features().forEach(f -> f.columns().forEach(c -> DerivedFeature.columnsOf("{" + c + "}",
        cols)));
    extra.forEach(t -> DerivedFeature.columnsOf(t, cols));
    cols.forEach(c -> m.put("--feature {" + c + "}", c));
    return new FieldMapping(m);
  }

  /** A row as a critic item: the text (template filled, pair joined), id and side features. */
  CriticItem item(Seed row, List<String> side) {
    Map<String, String> f = row.fields();
    String t;
    if (f.containsKey("--text")) {
      t = f.get("--text");
    } else {
      Matcher m = FIELD.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(sb, Matcher.quoteReplacement(f.get("--text {" + m.group(1) + "}")));
      }
      m.appendTail(sb);
      t = sb.toString();
    }
    if (pair != null) {
      t = t + PAIR_SEPARATOR + f.get("--pair");
    }
    if (t.isBlank()) {
      throw new InputException(row.source(), "the text (--text " + text + ") is empty");
    }
    SourceLocation at = row.source();
    String name = id != null ? f.get("--id") : at.file().getFileName() + ":" + at.line();
    Map<String, Double> numbers = new LinkedHashMap<>();
    for (String s : side) {
      if (f.containsKey("--side-features " + s)) {
        numbers.put(s, number(f.get("--side-features " + s), s, at));
      }
    }
    Map<String, String> columns = new LinkedHashMap<>();
    f.forEach((k, v) -> {
      if (k.startsWith("--feature {")) {
        columns.put(k.substring("--feature {".length(), k.length() - 1), v);
      }
    });
    return new CriticItem(name, t, numbers, at, columns);
  }

  /** Every row of {@code file} as an item, for scoring. */
  List<CriticItem> read(Path file, List<String> side) {
    List<CriticItem> items = new ArrayList<>();
    forEachRow(file, null, side, row -> items.add(item(row, side)));
    return items;
  }

  /** Every row of {@code file} as an item with its label from column {@code label}. */
  void read(Path file, String label, String positive, List<String> side, List<CriticItem> items,
      List<Boolean> labels) {
    forEachRow(file, label, side, row -> {
      labels.add(accepted(row.fields().get("--label"), label, positive, row.source()));
      items.add(item(row, side));
    });
  }

  private void forEachRow(Path file, String label, List<String> side,
      java.util.function.Consumer<Seed> use) {
    try (SeedReader r = SeedReader.open(file, fields(label, side))) {
      Iterator<ParsedLine<Seed>> it = r.rows();
      while (it.hasNext()) {
        ParsedLine<Seed> line = it.next();
        if (line instanceof ParsedLine.Bad<Seed> bad) {
          throw new InputException(bad.location(), bad.problem());
        }
        use.accept(((ParsedLine.Good<Seed>) line).value());
      }
    }
  }

  /**
   * A label value: equal to {@code positive} (ignoring case) is accepted and anything else
   * rejected; without it true/1/yes accept and false/0/no reject, and another value is refused,
   * since guessing would train on a silently wrong label.
   */
  static boolean accepted(String value, String column, String positive, SourceLocation at) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    if (v.isEmpty()) {
      throw new InputException(at, "the label (column \"" + column + "\") is empty");
    }
    if (positive != null) {
      return v.equals(positive.strip().toLowerCase(Locale.ROOT));
    }
    if (YES.contains(v) || NO.contains(v)) {
      return YES.contains(v);
    }
    throw new InputException(at, "expected the label (column \"" + column + "\") to be"
        + " true/1/yes (accept) or false/0/no (reject), found \"" + value + "\"; say which"
        + " value is acceptable with --positive");
  }

  private static double number(String value, String column, SourceLocation at) {
    try {
      return Double.parseDouble(value.strip());
    } catch (NumberFormatException e) {
      throw new InputException(at, "expected a number in column \"" + column
          + "\" (--side-features), found \"" + value + "\"");
    }
  }
}
