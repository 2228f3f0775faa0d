package org.distill4j.export.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression, all of it pure Java ({@link PureJavaCodecs}). Snappy is the default,
 * as in pyarrow, pandas, DuckDB and Hugging Face's own uploads. In the export benchmark
 * (BENCHMARKS.md: a million records, one core) Snappy wrote at 0.75x the speed of plain JSON
 * Lines for files 0.24 of their size; ZSTD at 0.55-0.69x for 0.13, its pure-Java compressor
 * taking about half of the writing time.
 */
public enum Compression {
  /** Snappy: fast; files about a quarter of the JSON Lines size. The default. */
  SNAPPY(CompressionCodecName.SNAPPY),
  /** Zstandard: files about an eighth of the JSON Lines size, written at 0.6-0.8x Snappy's speed. */
  ZSTD(CompressionCodecName.ZSTD),
  /** No compression. */
  NONE(CompressionCodecName.UNCOMPRESSED);

  private final CompressionCodecName codec;

  Compression(CompressionCodecName codec) {
    this.codec = codec;
  }

  CompressionCodecName codec() {
    return codec;
  }

  /** The command-line spelling. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
