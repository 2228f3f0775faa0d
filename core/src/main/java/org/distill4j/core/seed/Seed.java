package org.distill4j.core.seed;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * One seed input for a recipe: named text fields (an event, an entity pair, a passage…) and the
 * line it came from, so that every generated record and failure can be traced to its seed.
 *
 * @param fields field values by name, in source order; values are never null
 * @param source the file and line of the seed
 */
public record Seed(Map<String, String> fields, SourceLocation source) {
  public Seed {
    if (fields == null || fields.isEmpty()) {
      throw new IllegalArgumentException("field \"fields\" must hold at least one field");
    }
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (e.getValue() == null) {
        throw new IllegalArgumentException("seed field \"" + e.getKey() + "\" is null");
      }
    }
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    if (source == null) {
      throw new IllegalArgumentException("field \"source\" is missing");
    }
  }

  /** The value of a field, failing with the seed's location when it is missing. */
  public String require(String name) {
    String value = fields.get(name);
    if (value == null) {
      throw new InputException(
          source, "seed field \"" + name + "\" is missing; the seed has " + fields.keySet());
    }
    return value;
  }
}
