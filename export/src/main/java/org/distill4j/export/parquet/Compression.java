package org.distill4j.export.parquet;

import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Parquet page compression, all of it pure Java ({@link PureJavaCodecs}). */
public enum Compression {
  /** Zstandard: the smallest files; every current Parquet reader reads it. The default. */
  ZSTD(CompressionCodecName.ZSTD),
  /** Snappy: faster to write, larger files. */
  SNAPPY(CompressionCodecName.SNAPPY),
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
