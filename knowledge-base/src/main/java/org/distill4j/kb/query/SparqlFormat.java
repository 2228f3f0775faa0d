package org.distill4j.kb.query;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How SELECT results are written: an aligned text table, SPARQL JSON results, or CSV. */
public enum SparqlFormat {
  TABLE,
  JSON,
  CSV;

  /** Parses {@code table}, {@code json} or {@code csv}, any case. */
  public static SparqlFormat parse(String value) {
    for (SparqlFormat f : values()) {
      if (f.name().equalsIgnoreCase(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown result format \"" + value + "\"; expected one of "
        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")));
  }
}
