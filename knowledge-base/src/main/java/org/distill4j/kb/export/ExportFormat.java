package org.distill4j.kb.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a knowledge base exports to. */
public enum ExportFormat {
  /** Turtle: readable RDF, prefixes included. */
  TTL,
  /** N-Triples: one triple per line, streams and loads fastest. */
  NT,
  /** JSON Lines: one corpus record per line, the same form ingest reads. */
  JSONL;

  /** Parses {@code ttl}, {@code nt} or {@code jsonl}, any case. */
  public static ExportFormat parse(String value) {
    for (ExportFormat f : values()) {
      if (f.name().equalsIgnoreCase(value)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown export format \"" + value + "\"; expected one of "
        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", ")));
  }
}
