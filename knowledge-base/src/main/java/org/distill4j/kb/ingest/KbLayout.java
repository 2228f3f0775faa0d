package org.distill4j.kb.ingest;

import java.nio.file.Path;

/**
 * The files of a knowledge base folder. Front ends name them in help texts and messages through
 * these constants, so a file renamed here is renamed everywhere.
 *
 * @param directory the knowledge base folder
 */
public record KbLayout(Path directory) {
  /** The TDB2 RDF store (a folder). */
  public static final String STORE = "tdb2";
  /** The Lucene text index (a folder). */
  public static final String INDEX = "lucene";
  /** The SQLite vector cache. */
  public static final String VECTORS = "vectors.sqlite";
  /** The ids of the batch the index may not have committed yet. */
  public static final String JOURNAL = "index-journal.log";
  /** Records an ingest did not store, one JSON line each with the reason. */
  public static final String REJECTED = "rejected.jsonl";

  public Path store() {
    return directory.resolve(STORE);
  }

  public Path index() {
    return directory.resolve(INDEX);
  }

  public Path vectors() {
    return directory.resolve(VECTORS);
  }

  /** SQLite's write-ahead log beside the vector cache, counted in its size. */
  public Path vectorsWal() {
    return directory.resolve(VECTORS + "-wal");
  }

  public Path journal() {
    return directory.resolve(JOURNAL);
  }

  /** Where rejected records go unless the caller names another file. */
  public Path rejected() {
    return directory.resolve(REJECTED);
  }
}
