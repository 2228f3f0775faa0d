package org.distill4j.kb.ingest;

/**
 * What an ingest did. {@code read = added + updated + unchanged + rejected + duplicates}.
 *
 * @param read records read
 * @param added records new to the store
 * @param updated records whose stored form changed (e.g. a new score)
 * @param unchanged records already stored exactly so; nothing was written for them
 * @param rejected records not stored (see the violations)
 * @param duplicates records repeated within one batch; the last one counted
 * @param batches write transactions committed
 * @param vectorsAdded unchanged records that had no vector (stored by an ingest without vectors)
 *     and were given one; they are also counted in {@code unchanged}
 */
public record IngestReport(long read, long added, long updated, long unchanged, long rejected,
    long duplicates, long batches, long vectorsAdded) {

  /** Nothing done. */
  public static IngestReport empty() {
    return new IngestReport(0, 0, 0, 0, 0, 0, 0, 0);
  }

  /** This report with {@code n} more vectors added to unchanged records. */
  IngestReport withVectorsAdded(long n) {
    return new IngestReport(read, added, updated, unchanged, rejected, duplicates, batches,
        vectorsAdded + n);
  }

  /** The sum of two reports. */
  public IngestReport plus(IngestReport o) {
    return new IngestReport(read + o.read, added + o.added, updated + o.updated,
        unchanged + o.unchanged, rejected + o.rejected, duplicates + o.duplicates,
        batches + o.batches, vectorsAdded + o.vectorsAdded);
  }
}
