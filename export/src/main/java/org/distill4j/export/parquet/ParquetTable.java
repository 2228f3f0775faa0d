package org.distill4j.export.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.export.schema.Column;
import org.distill4j.export.schema.ColumnType;
import org.distill4j.export.schema.ExportSchema;

/**
 * One Parquet file being written: rows of one {@link ExportSchema}, streamed into row groups.
 * The file is complete (footer written) only after {@link #close}; callers write into a staging
 * place and move the result into view afterwards, so an interrupted export leaves no file that
 * looks finished.
 */
public final class ParquetTable implements Closeable {
  private final Path file;
  private final ParquetWriter<CorpusRecord> writer;
  private long rows;

  private ParquetTable(Path file, ParquetWriter<CorpusRecord> writer) {
    this.file = file;
    this.writer = writer;
  }

  /** Creates {@code file}, which must not exist yet. */
  public static ParquetTable create(Path file, ExportSchema schema, ParquetOptions options) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Builder builder = new Builder(new LocalOutputFile(file),
          new RecordWriteSupport(schema, options.metadata()));
      builder.withConf(new PlainParquetConfiguration())
          .withCodecFactory(new PureJavaCodecs())
          .withCompressionCodec(options.compression().codec())
          .withRowGroupSize(options.rowGroupBytes());
      for (Column c : schema.columns()) {
        // A list's values live at NAME.list.element; the others at their name.
        String path = c.type() == ColumnType.STRING_LIST ? c.name() + ".list.element" : c.name();
        builder.withDictionaryEncoding(path, c.categorical());
      }
      ParquetWriter<CorpusRecord> writer = builder.build();
      return new ParquetTable(file, writer);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  /** Appends one row. */
  public void write(CorpusRecord record) {
    try {
      writer.write(record);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Rows written so far. */
  public long rows() {
    return rows;
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** Writes the last row group and the footer. */
  @Override
  public void close() {
    try {
      writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + file + ": " + e.getMessage(), e);
    }
  }

  /** parquet-java's builder, bound to our write support. */
  private static final class Builder extends ParquetWriter.Builder<CorpusRecord, Builder> {
    private final RecordWriteSupport support;

    Builder(OutputFile file, RecordWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<CorpusRecord> getWriteSupport(
        org.apache.hadoop.conf.Configuration configuration) {
      return support;
    }

    @Override
    protected WriteSupport<CorpusRecord> getWriteSupport(ParquetConfiguration configuration) {
      return support;
    }
  }
}
