package org.distill4j.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an export writes. */
public enum ExportFormat {
  /** Typed Parquet tables, one per kind (and split). */
  PARQUET,
  /** A Hugging Face dataset folder: Parquet shards under {@code data/} and a README card. */
  HF,
  /** Chat JSON Lines: {@code {"id", "messages": [system, user, assistant]}}. */
  CHAT,
  /** Alpaca JSON Lines: {@code {"id", "instruction", "input", "output"}}. */
  ALPACA;

  /** The command-line spelling. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code parquet}, {@code hf}, {@code chat} or {@code alpaca}. */
  public static ExportFormat fromId(String id) {
    for (ExportFormat f : values()) {
      if (f.id().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown export format \"" + id + "\"; expected one of "
        + Arrays.stream(values()).map(ExportFormat::id).collect(Collectors.joining(", ")));
  }

  /** True for the JSON Lines formats. */
  public boolean isJsonLines() {
    return this == CHAT || this == ALPACA;
  }
}
