package org.distill4j.kb.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.JsonLinesWriter;

/**
 * The one way front ends ingest: it turns an {@link IngestJob} into batches and writes every
 * record that is not stored to the rejects file, so {@code kb ingest}, {@code kb import} and the
 * pipeline's kb stage leave the same files behind.
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

  private static IngestOutcome run(KnowledgeBase kb, IngestJob job,
      Function<IngestSettings, IngestReport> ingest) {
    try (RejectsFile rejects = new RejectsFile(job.rejectsIn(kb.directory()))) {
      IngestReport report =
          ingest.apply(new IngestSettings(job.batchSize(), job.vectors(), rejects));
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
