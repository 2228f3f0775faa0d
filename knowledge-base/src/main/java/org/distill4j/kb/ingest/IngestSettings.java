package org.distill4j.kb.ingest;

import java.util.function.Consumer;

/**
 * How an ingest runs.
 *
 * @param batchSize records per write transaction (and per index commit), at least 1
 * @param vectors whether to embed records for vector search
 * @param violations receives every record that is not stored, with the reason
 */
public record IngestSettings(int batchSize, boolean vectors, Consumer<RecordViolation> violations) {
  /** The batch size used when none is given. */
  public static final int DEFAULT_BATCH = 5000;

  public IngestSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, found " + batchSize);
    }
    if (violations == null) {
      throw new IllegalArgumentException("a consumer for violations is required");
    }
  }

  /** Batches of {@value #DEFAULT_BATCH}, with or without vectors, violations to {@code sink}. */
  public static IngestSettings of(boolean vectors, Consumer<RecordViolation> sink) {
    return new IngestSettings(DEFAULT_BATCH, vectors, sink);
  }
}
