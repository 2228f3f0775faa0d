package org.distill4j.export.parquet;

import java.nio.file.Path;
import org.distill4j.core.knowledge.KnowledgeKind;

/** Where the files of each table (one kind, one split) go under the output root. */
public interface TableLayout {

  /**
   * The file of one shard, relative to the output root.
   *
   * @param shard from 0
   * @param shards how many the table has
   */
  Path file(KnowledgeKind kind, String split, int shard, int shards);

  /** How many files a table of {@code rows} rows is cut into; 1 unless the layout shards. */
  default int shards(long rows) {
    return 1;
  }
}
