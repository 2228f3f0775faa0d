package org.distill4j.cli.kb;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.distill4j.cli.OptionRanges;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.RecordViolation;
import picocli.CommandLine.Option;

/** The options shared by {@code kb ingest} and {@code kb import}. */
public final class IngestOptions {
  @Option(names = "--no-vectors", description = "Store no vectors: keyword (bm25) search only,"
      + " and no embedding model is loaded. Much faster for large imports. Ingesting the same"
      + " files again without it adds the missing vectors.")
  boolean noVectors;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "5000",
      converter = OptionRanges.AtLeastOne.class,
      description = "Records per write transaction and index commit.")
  int batch;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Where records that are not stored go, one JSON line each with the reason"
          + " (default: DIR/rejected.jsonl).")
  Path rejects;

  /** Runs {@code ingest} with these settings, writing violations to the rejects file. */
  IngestReport run(Path kbDir, java.util.function.Function<IngestSettings, IngestReport> ingest,
      PrintWriter out) {
    Path file = rejects == null ? kbDir.resolve("rejected.jsonl") : rejects;
    // The rejects file is only created when something is rejected.
    AtomicReference<JsonLinesWriter<RecordViolation>> writer = new AtomicReference<>();
    AtomicLong count = new AtomicLong();
    Consumer<RecordViolation> sink = v -> {
      writer.updateAndGet(w -> w == null ? JsonLinesWriter.append(file) : w).write(v);
      count.incrementAndGet();
    };
    IngestReport r;
    try {
      r = ingest.apply(new IngestSettings(batch, !noVectors, sink));
    } finally {
      if (writer.get() != null) {
        writer.get().close();
      }
    }
    out.printf("read %,d: added %,d, updated %,d, unchanged %,d, rejected %,d,"
            + " duplicates %,d (%,d batches)%n", r.read(), r.added(), r.updated(), r.unchanged(),
        r.rejected(), r.duplicates(), r.batches());
    if (r.vectorsAdded() > 0) {
      out.printf("vectors added to %,d unchanged record(s) stored earlier without them%n",
          r.vectorsAdded());
    }
    if (count.get() > 0) {
      out.printf("%,d record(s) not stored; reasons in %s%n", count.get(), file);
    }
    out.flush();
    return r;
  }
}
