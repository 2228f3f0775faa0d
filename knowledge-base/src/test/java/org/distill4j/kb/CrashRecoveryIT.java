package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.ingest.CheckReport;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.KbStats;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a child JVM in the middle of an ingest, then a rerun. */
class CrashRecoveryIT {
  private static final int RECORDS = 1000;

  @TempDir Path tmp;

  @Test
  void rerunAfterKillLeavesBothStoresCompleteAndConsistent() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<CorpusRecord> records = Fixtures.records(RECORDS);
    Path corpus = Fixtures.write(tmp.resolve("corpus.jsonl"), records);
    Path dir = tmp.resolve("kb");

    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        IngestChild.class.getName(), dir.toString(), corpus.toString(), "15")
        .redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as("child output").isEqualTo("opened");
    int killAfter = 150 + random.nextInt(450);
    String line;
    while ((line = out.readLine()) != null && !line.equals("read " + (killAfter / 15 * 15))) {
      assertThat(line).startsWith("read ");
    }
    Thread.sleep(random.nextInt(120));
    assertThat(child.isAlive()).as("the child must still be ingesting (seed %d)", seed).isTrue();
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no closes
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (KnowledgeBase kb = KnowledgeBase.open(dir, texts -> {
      throw new AssertionError("keyword-only");
    })) {
      // Opening after the kill already reconciles: whatever the store holds is indexed.
      KbStats partial = kb.stats();
      assertThat(partial.records()).as("seed %d", seed).isBetween(1L, RECORDS - 1L);
      CheckReport afterOpen = kb.check(false);
      assertThat(afterOpen.consistent()).as("seed %d: %s", seed, afterOpen).isTrue();

      IngestReport rerun = kb.ingestFiles(List.of(corpus), new IngestSettings(200, false, v -> {
        throw new AssertionError("unexpected violation " + v);
      }));
      assertThat(rerun.added() + rerun.unchanged()).isEqualTo(RECORDS);
      assertThat(rerun.unchanged()).isEqualTo(partial.records());
      KbStats full = kb.stats();
      assertThat(full.records()).isEqualTo(RECORDS);
      assertThat(full.indexDocuments()).isEqualTo(RECORDS);
      assertThat(kb.check(false).consistent()).isTrue();
      for (CorpusRecord r : List.of(records.get(0), records.get(RECORDS / 2),
          records.get(RECORDS - 1))) {
        assertThat(kb.get(r.id())).contains(r);
      }
    }
  }
}
