package org.distill4j.core.seed;

import java.nio.file.Path;
import java.util.Locale;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/** How a seed file is laid out; usually read off the file's extension. */
public enum SeedFormat {
  /** One seed per line; the whole line is field {@code text} (or column 0 in a mapping). */
  TEXT,
  /** One JSON object per line; its keys are the fields. */
  JSONL,
  /** Comma-separated with a header row naming the columns. */
  CSV,
  /** Tab-separated with a header row naming the columns. */
  TSV,
  /** Comma-separated without a header: columns are named by number from 0. */
  CSV_NO_HEADER,
  /** Tab-separated without a header: columns are named by number from 0. */
  TSV_NO_HEADER;

  /** The name used on the command line: text, jsonl, csv, tsv, csv-no-header, tsv-no-header. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** True for the table formats whose first row names the columns. */
  boolean hasHeader() {
    return this == CSV || this == TSV;
  }

  /** The format for a file name: .txt, .jsonl/.ndjson/.json, .csv, .tsv. */
  public static SeedFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".txt")) {
      return TEXT;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return JSONL;
    }
    if (name.endsWith(".csv")) {
      return CSV;
    }
    if (name.endsWith(".tsv") || name.endsWith(".tab")) {
      return TSV;
    }
    throw new InputException(
        new SourceLocation(file, 0),
        "cannot tell the seed format from the file name; expected .txt, .jsonl, .csv or .tsv,"
            + " or name the format (text, jsonl, csv, tsv)");
  }

  /** Parses a format name such as {@code tsv} or {@code tsv-no-header}. */
  public static SeedFormat parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new InputException("unknown seed format \"" + name + "\"; expected one of text,"
          + " jsonl, csv, tsv, csv-no-header, tsv-no-header");
    }
  }
}
