package org.distill4j.kb;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.KnowledgeBase;

/** Run in a child JVM by {@link CrashRecoveryIT}: ingests a file so the test can kill it. */
public final class IngestChild {
  private IngestChild() {}

  public static void main(String[] args) {
    Path kbDir = Path.of(args[0]);
    Path corpus = Path.of(args[1]);
    int batch = Integer.parseInt(args[2]);
    try (KnowledgeBase kb = KnowledgeBase.open(kbDir, texts -> {
      throw new AssertionError("keyword-only");
    })) {
      System.out.println("opened");
      System.out.flush();
      // Pulled lazily by the ingest, so each "read" line means the batches before it are in.
      long[] n = {0};
      IngestReport r;
      try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(corpus, CorpusRecord.class);
          Stream<CorpusRecord> records = reader.records(BadLinePolicy.failFast())) {
        r = kb.ingest(records.peek(x -> {
          if (++n[0] % batch == 0) {
            System.out.println("read " + n[0]);
            System.out.flush();
          }
        }), new IngestSettings(batch, false, v -> {
          throw new AssertionError("unexpected violation " + v);
        }));
      }
      System.out.println("done " + r.added());
    }
  }
}
