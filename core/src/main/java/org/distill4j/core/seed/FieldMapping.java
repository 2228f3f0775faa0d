package org.distill4j.core.seed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.io.SourceLocation;

/**
 * Which source column or key becomes which seed field, written as {@code name=source} where the
 * source is a 0-based column number or a column/key name: {@code event=0}, {@code passage=text}.
 * An empty mapping keeps the source's own names.
 */
public record FieldMapping(Map<String, String> sources) {
  public FieldMapping {
    sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** Keeps every source field under its own name. */
  public static FieldMapping identity() {
    return new FieldMapping(Map.of());
  }

  /** Parses {@code name=source} items, as given on the command line with {@code --field}. */
  public static FieldMapping parse(List<String> items) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new InputException(
            "field mapping \"" + item + "\" must look like name=source, e.g. event=0 or"
                + " passage=text");
      }
      String name = item.substring(0, eq).strip();
      if (map.put(name, item.substring(eq + 1).strip()) != null) {
        throw new InputException("field \"" + name + "\" is mapped twice");
      }
    }
    return new FieldMapping(new LinkedHashMap<>(map));
  }

  public boolean isIdentity() {
    return sources.isEmpty();
  }

  /**
   * A row's values by source name (a column's name and number, or a JSON key) as a seed with this
   * mapping's fields; a bad line, quoting {@code raw}, when a mapped source is missing or when
   * the identity mapping finds no field at all.
   */
  ParsedLine<Seed> apply(SourceLocation where, Map<String, String> source, String raw) {
    if (isIdentity()) {
      if (source.isEmpty()) {
        return new ParsedLine.Bad<>(where, "expected at least one field, found none", raw, false);
      }
      return new ParsedLine.Good<>(where, new Seed(source, where));
    }
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : sources.entrySet()) {
      String value = source.get(e.getValue());
      if (value == null) {
        missing.add(e.getValue());
      } else {
        fields.put(e.getKey(), value);
      }
    }
    if (!missing.isEmpty()) {
      return new ParsedLine.Bad<>(where, "field(s) " + missing + " missing; the line has "
          + source.keySet(), raw, false);
    }
    return new ParsedLine.Good<>(where, new Seed(fields, where));
  }

  /** A column number when the source is all digits, else -1. */
  static int columnIndex(String source) {
    return source.chars().allMatch(Character::isDigit) ? Integer.parseInt(source) : -1;
  }
}
