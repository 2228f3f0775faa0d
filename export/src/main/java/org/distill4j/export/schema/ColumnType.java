package org.distill4j.export.schema;

import java.util.Map;

/**
 * The value types of export columns. Each names the Java value a column gives and the
 * Hugging Face feature type that the Parquet type reads back as (through Arrow).
 */
public enum ColumnType {
  /** UTF-8 text; a {@link String}. */
  STRING("string"),
  /** A list of texts; a {@code List<String>}, written as a Parquet LIST. */
  STRING_LIST("string"),
  /** A {@link Boolean}. */
  BOOLEAN("bool"),
  /** A 32-bit {@link Integer}. */
  INT32("int32"),
  /** A 64-bit {@link Long}. */
  INT64("int64"),
  /** A {@link Double}. */
  DOUBLE("float64"),
  /** An {@link java.time.Instant}, stored as microseconds since the epoch, adjusted to UTC. */
  TIMESTAMP("timestamp[us, tz=UTC]");

  private final String hfType;

  ColumnType(String hfType) {
    this.hfType = hfType;
  }

  /**
   * The Hugging Face {@code features} entry for a column of this type, without its name:
   * {@code {dtype: string}}, or {@code {sequence: string}} for lists.
   */
  public Map<String, String> hfFeature() {
    return this == STRING_LIST ? Map.of("sequence", hfType) : Map.of("dtype", hfType);
  }
}
