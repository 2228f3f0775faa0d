package org.distill4j.core.seed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.io.InputException;

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

  /** A column number when the source is all digits, else -1. */
  static int columnIndex(String source) {
    return source.chars().allMatch(Character::isDigit) ? Integer.parseInt(source) : -1;
  }
}
