package org.distill4j.export.parquet;

import io.airlift.compress.Compressor;
import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Page compression with aircompressor's pure-Java ZSTD and Snappy (a dependency parquet-java
 * already brings). parquet-java's own {@code CodecFactory} goes through Hadoop's codec classes
 * even for a local file, and its ZSTD and Snappy paths load native libraries; this factory needs
 * neither. Write-only: an export never reads its pages back.
 */
public final class PureJavaCodecs implements CompressionCodecFactory {
  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return switch (codec) {
      case ZSTD -> new Pages(codec, new ZstdCompressor());
      case SNAPPY -> new Pages(codec, new SnappyCompressor());
      case UNCOMPRESSED -> new Pages(codec, null);
      default -> throw new IllegalArgumentException("compression " + codec
          + " is not offered; use zstd, snappy or uncompressed");
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    throw new UnsupportedOperationException("export writes Parquet files and never reads them");
  }

  @Override
  public void release() {
    // Compressors hold no native or pooled resources.
  }

  /** Compresses one page at a time into a buffer that grows to the largest page seen. */
  private static final class Pages implements BytesInputCompressor {
    private final CompressionCodecName codec;
    private final Compressor compressor;
    private byte[] out = new byte[0];

    Pages(CompressionCodecName codec, Compressor compressor) {
      this.codec = codec;
      this.compressor = compressor;
    }

    @Override
    public BytesInput compress(BytesInput page) throws IOException {
      if (compressor == null) {
        return page;
      }
      byte[] in = page.toByteArray();
      int max = compressor.maxCompressedLength(in.length);
      if (out.length < max) {
        out = new byte[max];
      }
      int length = compressor.compress(in, 0, in.length, out, 0, max);
      // The page store keeps compressed pages until the row group is written: hand it a copy,
      // since the buffer is reused for the next page.
      return BytesInput.copy(BytesInput.from(out, 0, length));
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {
      out = new byte[0];
    }
  }
}
