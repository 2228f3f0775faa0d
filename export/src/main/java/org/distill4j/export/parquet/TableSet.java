package org.distill4j.export.parquet;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.schema.CorpusShape;
import org.distill4j.export.schema.ExportSchema;

/**
 * The Parquet tables of one export, written side by side as records stream past: one table per
 * kind and split, each cut into the shards its layout asks for. All tables share one memory
 * budget for buffered row groups ({@link ParquetOptions#share}).
 */
public final class TableSet implements Closeable {
  private final Path root;
  private final TableLayout layout;
  private final Map<KnowledgeKind, Map<String, Long>> plannedRows;
  private final Map<KnowledgeKind, ExportSchema> schemas = new EnumMap<>(KnowledgeKind.class);
  private final Map<String, Sharded> open = new HashMap<>();
  private final List<WrittenFile> written = new ArrayList<>();
  private final ParquetOptions options;

  /**
   * @param root the output folder (or, for a one-file layout, the folder of the file)
   * @param plannedRows rows each kind and split will receive: they fix the shard count up front,
   *     and a table given more rows than planned is an error
   * @param shape score and filter names, the variable columns
   */
  public TableSet(Path root, TableLayout layout, Map<KnowledgeKind, Map<String, Long>> plannedRows,
      CorpusShape shape, ParquetOptions options) {
    this.root = root;
    this.layout = layout;
    this.plannedRows = plannedRows;
    int tables = 0;
    for (Map.Entry<KnowledgeKind, Map<String, Long>> kind : plannedRows.entrySet()) {
      schemas.put(kind.getKey(), ExportSchema.of(kind.getKey(), shape));
      tables += (int) kind.getValue().values().stream().filter(n -> n > 0).count();
    }
    this.options = options.share(tables);
  }

  /** The schema of one kind's tables. */
  public ExportSchema schema(KnowledgeKind kind) {
    return schemas.get(kind);
  }

  /** Appends {@code record} to its kind's table of {@code split}. */
  public void write(CorpusRecord record, String split) {
    KnowledgeKind kind = record.knowledge().kind();
    open.computeIfAbsent(kind.id() + "\u0000" + split, k -> new Sharded(kind, split))
        .write(record);
  }

  /** Every file finished so far; all of them after {@link #close}. */
  public List<WrittenFile> written() {
    return List.copyOf(written);
  }

  /** Finishes every open table. */
  @Override
  public void close() {
    for (Sharded table : open.values()) {
      table.finish();
    }
    open.clear();
    written.sort(java.util.Comparator.comparing(f -> f.path().toString()));
  }

  /** One table: its shards in turn, each holding an even share of the planned rows. */
  private final class Sharded {
    private final KnowledgeKind kind;
    private final String split;
    private final long planned;
    private final int shards;
    private final long perShard;
    private int shard = -1;
    private ParquetTable current;
    private long total;

    Sharded(KnowledgeKind kind, String split) {
      this.kind = kind;
      this.split = split;
      this.planned = plannedRows.getOrDefault(kind, Map.of()).getOrDefault(split, 0L);
      this.shards = Math.max(1, layout.shards(planned));
      this.perShard = Math.max(1, (planned + shards - 1) / shards);
    }

    void write(CorpusRecord record) {
      if (total == planned) {
        throw new IllegalStateException("the " + kind.id() + " table of " + split + " was"
            + " planned for " + planned + " rows and was given more; the corpus changed while"
            + " it was exported?");
      }
      if (current == null || current.rows() == perShard) {
        finishShard();
        shard++;
        Path relative = layout.file(kind, split, shard, shards);
        current = ParquetTable.create(root.resolve(relative), schemas.get(kind), options);
      }
      current.write(record);
      total++;
    }

    private void finishShard() {
      if (current != null) {
        current.close();
        written.add(new WrittenFile(root.relativize(current.file()), kind, split,
            current.rows()));
        current = null;
      }
    }

    void finish() {
      finishShard();
      if (total != planned) {
        throw new IllegalStateException("the " + kind.id() + " table of " + split + " got "
            + total + " rows of the " + planned + " planned; the corpus changed while it was"
            + " exported?");
      }
    }
  }
}
