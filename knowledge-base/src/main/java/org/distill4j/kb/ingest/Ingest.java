package org.distill4j.kb.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.kb.remote.RemoteEndpoint;
import org.distill4j.kb.remote.RemoteStore;

/**
 * The one way front ends ingest: it turns an {@link IngestJob} into batches and writes every
 * record that is not stored to the rejects file, so {@code kb ingest}, {@code kb import} and the
 * pipeline's kb stage leave the same files behind.
 *
 * <p>The records go to a local knowledge base ({@link #files(Path, List, IngestJob)}), to the RDF
 * store on a SPARQL server ({@link #remote}; no text index is written), or to both
 * ({@link #localAndRemote}). Each is idempotent on its own, so rerunning the same ingest after a
 * kill or a failed request completes whichever side was left behind.
 */
public final class Ingest {
  private Ingest() {}

  /** Opens (creating) the knowledge base in {@code kbDir}, ingests {@code files}, closes it. */
  public static IngestOutcome files(Path kbDir, List<Path> files, IngestJob job) {
    try (KnowledgeBase kb = KnowledgeBase.open(kbDir)) {
      return files(kb, files, job);
    }
  }

  /** Ingests JSON Lines corpus files; lines that do not parse are rejected with their place. */
  public static IngestOutcome files(KnowledgeBase kb, List<Path> files, IngestJob job) {
    return run(kb, job, settings -> kb.ingestFiles(files, settings));
  }

  /** Ingests records read by an importer. */
  public static IngestOutcome records(KnowledgeBase kb, Stream<CorpusRecord> records,
      IngestJob job) {
    return run(kb, job, settings -> kb.ingest(records, settings));
  }

  /**
   * Ingests JSON Lines corpus files into the RDF store at {@code endpoint} only: no text index is
   * written (search needs a local knowledge base beside it, see {@link #localAndRemote}). Records
   * that are not stored go to the job's rejects file, or {@value KbLayout#REJECTED} in the
   * working directory.
   *
   * @throws org.distill4j.kb.remote.RemoteStoreException when a request fails; it names the
   *     first record of the batch that was not stored
   */
  public static IngestOutcome remote(RemoteEndpoint endpoint, List<Path> files, IngestJob job) {
    Path file = job.rejects() != null ? job.rejects() : Path.of(KbLayout.REJECTED);
    try (RejectsFile rejects = new RejectsFile(file)) {
      IngestReport report = remoteReport(endpoint, files, settings(job, rejects));
      return new IngestOutcome(report, rejects.written, rejects.file, endpoint.url());
    }
  }

  /**
   * Ingests the files into the local knowledge base in {@code kbDir} (store, text index and
   * vectors, as {@link #files(Path, List, IngestJob)}) and then into the RDF store at
   * {@code endpoint}. Records that are not stored are written once, by the local pass, to the
   * rejects file in or given for {@code kbDir}.
   *
   * @return the local outcome, then the remote one
   */
  public static List<IngestOutcome> localAndRemote(Path kbDir, RemoteEndpoint endpoint,
      List<Path> files, IngestJob job) {
    IngestOutcome local = files(kbDir, files, job);
    // The same records break the same shapes: count them, do not write them twice.
    IngestReport report = remoteReport(endpoint, files, settings(job, v -> { }));
    return List.of(
        new IngestOutcome(local.report(), local.rejectsWritten(), local.rejects(),
            kbDir.toString()),
        new IngestOutcome(report, 0, local.rejects(), endpoint.url()));
  }

  private static IngestReport remoteReport(RemoteEndpoint endpoint, List<Path> files,
      IngestSettings settings) {
    try (RemoteBatchWriter writer = new RemoteBatchWriter(RemoteStore.connect(endpoint))) {
      return new Ingester(new BatchPreparer(), writer).ingestFiles(files, settings);
    }
  }

  private static IngestSettings settings(IngestJob job, Consumer<RecordViolation> violations) {
    return new IngestSettings(job.batchSize(), job.vectors(), violations);
  }

  private static IngestOutcome run(KnowledgeBase kb, IngestJob job,
      Function<IngestSettings, IngestReport> ingest) {
    try (RejectsFile rejects = new RejectsFile(job.rejectsIn(kb.directory()))) {
      IngestReport report = ingest.apply(settings(job, rejects));
      return new IngestOutcome(report, rejects.written, rejects.file);
    }
  }

  /** Appends violations; the file is created on the first one, so a clean ingest leaves none. */
  private static final class RejectsFile implements Consumer<RecordViolation>, AutoCloseable {
    private final Path file;
    private JsonLinesWriter<RecordViolation> writer;
    private long written;

    RejectsFile(Path file) {
      this.file = file;
    }

    @Override
    public void accept(RecordViolation v) {
      if (writer == null) {
        writer = JsonLinesWriter.append(file);
      }
      writer.write(v);
      written++;
    }

    @Override
    public void close() {
      if (writer != null) {
        writer.close();
      }
    }
  }
}
