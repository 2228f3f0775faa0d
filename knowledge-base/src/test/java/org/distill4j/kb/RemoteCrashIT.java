package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.remote.RemoteEndpoint;
import org.distill4j.kb.remote.RemoteStore;
import org.distill4j.kb.testing.FusekiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of an ingest into Fuseki after its first batches, then a rerun. */
class RemoteCrashIT {
  private static final int RECORDS = 3000;
  private static final int BATCH = 100;

  @TempDir Path tmp;

  @Test
  void rerunAfterKillCompletesTheServerWithNothingTwice() throws Exception {
    List<CorpusRecord> records = Fixtures.records(RECORDS);
    Path corpus = Fixtures.write(tmp.resolve("corpus.jsonl"), records);
    try (FusekiProcess fuseki = FusekiProcess.start(tmp)) {
      RemoteEndpoint endpoint = RemoteEndpoint.open(fuseki.datasetUrl());
      RemoteStore store = RemoteStore.connect(endpoint);
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), RemoteIngestChild.class.getName(),
          endpoint.url(), corpus.toString(), String.valueOf(BATCH))
          .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
      long stored = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (stored == 0 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(10);
        stored = store.recordCount();
      }
      assertThat(child.isAlive()).as("the child must still be ingesting").isTrue();
      child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no closes
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

      long partial = store.recordCount();
      // Batches are whole on the server: never a part of one.
      assertThat(partial).isBetween(1L, RECORDS - 1L);
      assertThat(partial % BATCH).isZero();

      IngestReport rerun = Ingest.remote(endpoint, List.of(corpus),
          RemoteStoreIT.job(tmp, 1000)).report();
      assertThat(rerun.unchanged()).isEqualTo(partial);
      assertThat(rerun.added()).isEqualTo(RECORDS - partial);
      assertThat(store.recordCount()).isEqualTo(RECORDS);
      assertThat(store.tripleCount()).isEqualTo(RemoteStoreIT.expectedGraph(records).size());
    }
  }
}
