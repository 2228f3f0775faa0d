package org.distill4j.cli.kb;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.kb.ingest.IngestJob;
import org.distill4j.kb.ingest.IngestOutcome;
import org.distill4j.kb.ingest.KbLayout;
import picocli.CommandLine.Option;

/** The options shared by {@code kb ingest} and {@code kb import}: the flags of an IngestJob. */
public final class IngestOptions {
  @Option(names = "--no-vectors", description = "Store no vectors in DIR's index: keyword"
      + " (bm25) search only, and no embedding model is loaded. Much faster for large imports."
      + " Ingesting the same files again without it adds the missing vectors.")
  boolean noVectors;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "" + IngestJob.DEFAULT_BATCH,
      converter = OptionRanges.AtLeastOne.class,
      description = "Records per write transaction and index commit (per compare and write"
          + " requests with --endpoint).")
  int batch;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Where records that are not stored go, one JSON line each with the reason"
          + " (default: DIR/" + KbLayout.REJECTED + "; with --endpoint alone, "
          + KbLayout.REJECTED + " in the working directory).")
  Path rejects;

  /** The job these flags describe. */
  IngestJob job() {
    return new IngestJob(batch, !noVectors, rejects);
  }

  /** Prints what an ingest did. */
  static IngestOutcome print(IngestOutcome outcome, PrintWriter out) {
    outcome.summary().forEach(out::println);
    out.flush();
    return outcome;
  }
}
