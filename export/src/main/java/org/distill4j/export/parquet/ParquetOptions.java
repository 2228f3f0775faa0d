package org.distill4j.export.parquet;

import java.util.Map;

/**
 * How Parquet files are written.
 *
 * @param compression page compression
 * @param rowGroupBytes the buffered size at which a row group is written out; with several files
 *     open at once each gets a share of the budget (see {@link #share}), so memory stays bounded
 * @param metadata key/value pairs for each file's footer
 */
public record ParquetOptions(Compression compression, long rowGroupBytes,
    Map<String, String> metadata) {
  /** 64 MiB of buffered rows per export, whatever the number of files open. */
  public static final long DEFAULT_BUDGET = 64L << 20;
  /** No row group is made smaller than this, to keep pages and statistics useful. */
  public static final long MIN_ROW_GROUP = 4L << 20;

  public ParquetOptions {
    if (compression == null) {
      throw new IllegalArgumentException("compression must be zstd, snappy or none");
    }
    if (rowGroupBytes < 1 << 16) {
      throw new IllegalArgumentException("row groups must hold at least 64 KiB, found "
          + rowGroupBytes);
    }
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** Snappy, the whole default budget for one file, no extra metadata. */
  public static ParquetOptions defaults() {
    return new ParquetOptions(Compression.SNAPPY, DEFAULT_BUDGET, Map.of());
  }

  /** These options for one of {@code openFiles} files written at the same time. */
  public ParquetOptions share(int openFiles) {
    long each = Math.max(MIN_ROW_GROUP, rowGroupBytes / Math.max(1, openFiles));
    return new ParquetOptions(compression, Math.min(each, rowGroupBytes), metadata);
  }

  /** These options with another compression. */
  public ParquetOptions withCompression(Compression other) {
    return new ParquetOptions(other, rowGroupBytes, metadata);
  }

  /** These options with footer metadata added. */
  public ParquetOptions withMetadata(Map<String, String> more) {
    Map<String, String> all = new java.util.TreeMap<>(metadata);
    all.putAll(more);
    return new ParquetOptions(compression, rowGroupBytes, all);
  }
}
