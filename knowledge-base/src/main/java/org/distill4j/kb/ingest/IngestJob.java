package org.distill4j.kb.ingest;

import java.nio.file.Path;
import org.distill4j.core.io.SettingException;

/**
 * An ingest as a front end asks for it ({@code kb ingest}, {@code kb import}, the pipeline's kb
 * stage), by the settings' own names; {@link Ingest} runs it.
 *
 * @param batchSize {@code batch_size}: records per write transaction and index commit, at least 1
 * @param vectors {@code vectors}: embed records for vector and hybrid search
 * @param rejects {@code rejects}: where records that are not stored go; null for
 *     {@link KbLayout#REJECTED} in the knowledge base folder
 */
public record IngestJob(int batchSize, boolean vectors, Path rejects) {
  /** The batch size used when none is given. */
  public static final int DEFAULT_BATCH = IngestSettings.DEFAULT_BATCH;

  public IngestJob {
    if (batchSize < 1) {
      throw new SettingException("batch_size", "{setting} must be at least 1, found " + batchSize);
    }
  }

  /** Default batches, vectors on, rejects beside the store. */
  public static IngestJob defaults() {
    return new IngestJob(DEFAULT_BATCH, true, null);
  }

  public IngestJob withBatchSize(int n) {
    return new IngestJob(n, vectors, rejects);
  }

  public IngestJob withVectors(boolean on) {
    return new IngestJob(batchSize, on, rejects);
  }

  public IngestJob withRejects(Path file) {
    return new IngestJob(batchSize, vectors, file);
  }

  /** The rejects file for a knowledge base in {@code kbDir}. */
  public Path rejectsIn(Path kbDir) {
    return rejects != null ? rejects : new KbLayout(kbDir).rejected();
  }
}
