package org.distill4j.export;

import java.nio.file.Path;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.hf.HfLayout;
import org.distill4j.export.parquet.Compression;
import org.distill4j.export.split.SplitPlan;

/**
 * One export, as the command line or a program asks for it. Built with {@link #builder}; the
 * defaults live there.
 *
 * @param in the corpus (JSON Lines of corpus records)
 * @param format what to write
 * @param out a file or folder (see {@link CorpusExport} for which)
 * @param kind export only this kind; null for all
 * @param split the splits; {@link SplitPlan#trainOnly()} for none
 * @param splitSeed the seed of the split hash
 * @param license the seeds' licence for the dataset card; null when unknown (the card says so)
 * @param system the system turn (Alpaca: instruction) for every chat line; null for each kind's
 *     own task
 * @param title the dataset card's title; null for the output folder's name
 * @param compression Parquet page compression
 * @param rowsPerShard Hugging Face layout: at most this many rows per file
 * @param overwrite replace an existing output (never done otherwise)
 */
public record ExportSettings(
    Path in,
    ExportFormat format,
    Path out,
    KnowledgeKind kind,
    SplitPlan split,
    long splitSeed,
    String license,
    String system,
    String title,
    Compression compression,
    long rowsPerShard,
    boolean overwrite) {
  /** The split seed when none is given. */
  public static final long DEFAULT_SPLIT_SEED = 13;

  public ExportSettings {
    if (in == null || format == null || out == null) {
      throw new IllegalArgumentException("an export needs --in, --format and --out");
    }
    split = split == null ? SplitPlan.trainOnly() : split;
    compression = compression == null ? Compression.SNAPPY : compression;
    if (rowsPerShard < 1) {
      throw new IllegalArgumentException("rows per shard must be at least 1, found "
          + rowsPerShard);
    }
  }

  public static Builder builder(Path in, ExportFormat format, Path out) {
    return new Builder(in, format, out);
  }

  /** Builds {@link ExportSettings}; unset options take the defaults. */
  public static final class Builder {
    private final Path in;
    private final ExportFormat format;
    private final Path out;
    private KnowledgeKind kind;
    private SplitPlan split = SplitPlan.trainOnly();
    private long splitSeed = DEFAULT_SPLIT_SEED;
    private String license;
    private String system;
    private String title;
    private Compression compression = Compression.SNAPPY;
    private long rowsPerShard = HfLayout.DEFAULT_ROWS_PER_SHARD;
    private boolean overwrite;

    private Builder(Path in, ExportFormat format, Path out) {
      this.in = in;
      this.format = format;
      this.out = out;
    }

    public Builder kind(KnowledgeKind v) { kind = v; return this; }
    public Builder split(SplitPlan v) { split = v; return this; }
    public Builder splitSeed(long v) { splitSeed = v; return this; }
    public Builder license(String v) { license = v; return this; }
    public Builder system(String v) { system = v; return this; }
    public Builder title(String v) { title = v; return this; }
    public Builder compression(Compression v) { compression = v; return this; }
    public Builder rowsPerShard(long v) { rowsPerShard = v; return this; }
    public Builder overwrite(boolean v) { overwrite = v; return this; }

    public ExportSettings build() {
      return new ExportSettings(in, format, out, kind, split, splitSeed, license, system, title,
          compression, rowsPerShard, overwrite);
    }
  }
}
