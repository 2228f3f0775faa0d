package org.distill4j.kb.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.kb.ingest.BatchPreparer.Prepared;
import org.distill4j.kb.ingest.BatchPreparer.Sourced;

/**
 * Cuts records (from a stream or JSON Lines files) into batches and keeps the writer busy:
 * while batch n is written, the caller's thread prepares batch n+1. At most one batch is in
 * flight, so memory stays at two batches. Where batches go is the {@link BatchSink}'s business:
 * the local knowledge base's writer thread, or a remote store.
 */
final class Ingester {
  /** Takes prepared batches one at a time, in order, and writes each off the caller's thread. */
  interface BatchSink {
    /** Starts writing {@code batch}; the future holds what the write did. */
    Future<IngestReport> submit(Prepared batch, IngestSettings settings);
  }

  private final BatchPreparer preparer;
  private final BatchSink sink;

  Ingester(BatchPreparer preparer, BatchSink sink) {
    this.preparer = preparer;
    this.sink = sink;
  }

  IngestReport ingest(Stream<CorpusRecord> records, IngestSettings settings) {
    Iterator<CorpusRecord> it = records.iterator();
    long n = 0;
    Pipeline pipeline = new Pipeline(settings);
    try {
      while (it.hasNext()) {
        n++;
        pipeline.add(new Sourced(it.next(), "record " + n));
      }
      return pipeline.finish();
    } finally {
      pipeline.abandon();
    }
  }

  /**
   * A line that does not parse is not stored: it goes to the violations with its
   * {@code file:line}, and the rest of the file is ingested.
   *
   * @throws InputException when a file cannot be read
   */
  IngestReport ingestFiles(List<Path> files, IngestSettings settings) {
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new InputException(file + ": no such readable file");
      }
    }
    Pipeline pipeline = new Pipeline(settings);
    try {
      long bad = 0;
      for (Path file : files) {
        bad += feed(file, pipeline, settings);
        // A batch ends with its file, so no batch mixes files.
        pipeline.flush();
      }
      return pipeline.finish().plus(new IngestReport(bad, 0, 0, 0, bad, 0, 0, 0));
    } finally {
      pipeline.abandon();
    }
  }

  /** Feeds the good lines of {@code file}; returns how many did not parse. */
  private static long feed(Path file, Pipeline pipeline, IngestSettings settings) {
    long bad = 0;
    try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(file, CorpusRecord.class)) {
      Iterator<ParsedLine<CorpusRecord>> lines = reader.lines();
      while (lines.hasNext()) {
        ParsedLine<CorpusRecord> line = lines.next();
        if (line instanceof ParsedLine.Good<CorpusRecord> good) {
          pipeline.add(new Sourced(good.value(), good.location().toString()));
        } else if (line instanceof ParsedLine.Bad<CorpusRecord> badLine) {
          bad++;
          settings.violations().accept(new RecordViolation(
              badLine.location().toString(), null, List.of(badLine.problem())));
        }
      }
    }
    return bad;
  }

  /** Batches records and overlaps preparing one batch with writing the one before. */
  private final class Pipeline {
    private final IngestSettings settings;
    private List<Sourced> batch;
    private Future<IngestReport> inFlight;
    private IngestReport total = IngestReport.empty();

    Pipeline(IngestSettings settings) {
      this.settings = settings;
      this.batch = new ArrayList<>(settings.batchSize());
    }

    void add(Sourced record) {
      batch.add(record);
      if (batch.size() == settings.batchSize()) {
        flush();
      }
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      Prepared p = preparer.prepare(batch, settings);
      batch = new ArrayList<>(settings.batchSize());
      await();
      inFlight = sink.submit(p, settings);
    }

    IngestReport finish() {
      flush();
      await();
      return total;
    }

    /** Waits for a batch still in flight after a failure, so nothing outlives the call. */
    void abandon() {
      if (inFlight != null) {
        try {
          inFlight.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          // Already failing: the first error is the one reported.
        }
        inFlight = null;
      }
    }

    private void await() {
      if (inFlight != null) {
        Future<IngestReport> f = inFlight;
        inFlight = null;
        total = total.plus(WriterThread.result(f));
      }
    }
  }
}
