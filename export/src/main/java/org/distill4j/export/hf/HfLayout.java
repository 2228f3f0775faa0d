package org.distill4j.export.hf;

import java.nio.file.Path;
import java.util.Collection;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.parquet.TableLayout;

/**
 * The Hugging Face folder layout. One kind: {@code data/SPLIT-00000-of-00001.parquet} in the
 * {@code default} config. Several kinds: one config per kind, named by the kind's id, with its
 * files in {@code data/KIND/}: their columns differ, and a config is one table.
 *
 * @param kinds the kinds exported
 * @param maxRowsPerShard at most this many rows per file
 */
public record HfLayout(Collection<KnowledgeKind> kinds, long maxRowsPerShard)
    implements TableLayout {
  /** The default shard size: a million short records make files of roughly 50-200 MB. */
  public static final long DEFAULT_ROWS_PER_SHARD = 1_000_000;

  public HfLayout {
    if (kinds.isEmpty()) {
      throw new IllegalArgumentException("a dataset needs at least one kind");
    }
    if (maxRowsPerShard < 1) {
      throw new IllegalArgumentException("rows per shard must be at least 1, found "
          + maxRowsPerShard);
    }
    kinds = java.util.List.copyOf(kinds);
  }

  /** True when every kind is a config of its own. */
  public boolean configPerKind() {
    return kinds.size() > 1;
  }

  /** The config name of a kind's table. */
  public String config(KnowledgeKind kind) {
    return configPerKind() ? kind.id() : "default";
  }

  /** The folder of a kind's files, relative to the dataset root. */
  public String folder(KnowledgeKind kind) {
    return configPerKind() ? "data/" + kind.id() : "data";
  }

  /** The {@code data_files} pattern of one split of a kind, e.g. {@code data/train-*}. */
  public String pattern(KnowledgeKind kind, String split) {
    return folder(kind) + "/" + split + "-*";
  }

  @Override
  public Path file(KnowledgeKind kind, String split, int shard, int shards) {
    return Path.of(folder(kind), String.format(java.util.Locale.ROOT, "%s-%05d-of-%05d.parquet",
        split, shard, shards));
  }

  @Override
  public int shards(long rows) {
    return (int) Math.max(1, (rows + maxRowsPerShard - 1) / maxRowsPerShard);
  }
}
