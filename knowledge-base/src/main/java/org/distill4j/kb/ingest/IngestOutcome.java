package org.distill4j.kb.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an {@link Ingest} did, and where its side file is.
 *
 * @param report the counts
 * @param rejectsWritten records written to the rejects file (0: the file was not touched)
 * @param rejects the rejects file
 * @param target where the records went, put before each summary line: the endpoint URL of a
 *     remote store, or the folder of a local knowledge base ingested beside one; null for a
 *     local knowledge base ingested alone
 */
public record IngestOutcome(IngestReport report, long rejectsWritten, Path rejects,
    String target) {

  /** What an ingest into one local knowledge base did. */
  public IngestOutcome(IngestReport report, long rejectsWritten, Path rejects) {
    this(report, rejectsWritten, rejects, null);
  }

  /** The lines a front end shows for this outcome, the same in every front end. */
  public List<String> summary() {
    IngestReport r = report;
    List<String> lines = new ArrayList<>();
    lines.add(String.format("read %,d: added %,d, updated %,d, unchanged %,d, rejected %,d,"
            + " duplicates %,d (%,d batches)", r.read(), r.added(), r.updated(), r.unchanged(),
        r.rejected(), r.duplicates(), r.batches()));
    if (r.vectorsAdded() > 0) {
      lines.add(String.format("vectors added to %,d unchanged record(s) stored earlier without"
          + " them", r.vectorsAdded()));
    }
    if (rejectsWritten > 0) {
      lines.add(String.format("%,d record(s) not stored; reasons in %s", rejectsWritten, rejects));
    }
    return target == null ? lines : lines.stream().map(l -> target + ": " + l).toList();
  }
}
