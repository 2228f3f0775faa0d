package org.distill4j.export.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Parquet page compression, all of it pure Java ({@link PureJavaCodecs}). Snappy is the default,
 * as in pyarrow, pandas, DuckDB and Hugging Face's own uploads: in the export benchmark (see
 * BENCHMARKS.md) it writes at about 0.6-0.75x the speed of plain JSON Lines where ZSTD, whose
 * pure-Java compressor is half of the writing time, manages about 0.4x, for files about 45 %
 * smaller.
 */
public enum Compression {
  /** Snappy: fast, files about a quarter of the JSON Lines size. The default. */
  SNAPPY(CompressionCodecName.SNAPPY),
  /** Zstandard: files about an eighth of the JSON Lines size, written at half Snappy's speed. */
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
