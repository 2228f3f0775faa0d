package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.QaPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesWriterTest {
  @TempDir Path dir;

  private static CorpusRecord rec(int i) {
    return CorpusRecord.of(new QaPair("question " + i, "answer " + i, null),
        Provenance.imported("test"));
  }

  private List<CorpusRecord> read(Path f) {
    List<CorpusRecord> out = new ArrayList<>();
    try (var r = JsonLinesReader.open(f, CorpusRecord.class)) {
      r.forEach(out::add);
    }
    return out;
  }

  @Test
  void appendingKeepsWhatIsThereAndAddsNewLines() {
    Path f = dir.resolve("a/b/c.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      w.write(rec(1));
    }
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      assertThat(w.recovered()).isEmpty();
      w.write(rec(2));
      w.write(rec(3));
      assertThat(w.written()).isEqualTo(2);
    }
    assertThat(read(f)).containsExactly(rec(1), rec(2), rec(3));
  }

  @Test
  void aTornLastLineIsMovedAsideAndReportedWhenTheFileIsReopened() throws Exception {
    Path f = dir.resolve("torn.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      w.write(rec(1));
      w.write(rec(2));
    }
    String cut = CorpusJson.json().writeValueAsString(rec(3)).substring(0, 25);
    Files.writeString(f, Files.readString(f) + cut);
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      var torn = w.recovered().orElseThrow();
      assertThat(torn.kept()).isFalse();
      assertThat(torn.location().line()).isEqualTo(3);
      assertThat(torn.raw()).isEqualTo(cut);
      assertThat(torn.message()).contains(":3: last line was cut off").contains(".torn");
      w.write(rec(3));
    }
    assertThat(read(f)).containsExactly(rec(1), rec(2), rec(3));
    assertThat(Files.readString(dir.resolve("torn.jsonl.torn"))).isEqualTo(cut + "\n");
  }

  @Test
  void aCompleteLastLineMissingOnlyItsNewlineIsKept() throws Exception {
    Path f = dir.resolve("nonl.jsonl");
    Files.writeString(f, CorpusJson.json().writeValueAsString(rec(1)));
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      assertThat(w.recovered()).hasValueSatisfying(t -> assertThat(t.kept()).isTrue());
      w.write(rec(2));
    }
    assertThat(read(f)).containsExactly(rec(1), rec(2));
  }

  @Test
  void concurrentWritersNeverInterleaveWithinALine() throws Exception {
    Path f = dir.resolve("concurrent.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      for (int t = 0; t < 8; t++) {
        int base = t * 1000;
        pool.submit(() -> {
          for (int i = 0; i < 1000; i++) {
            w.write(rec(base + i));
            if (i % 100 == 0) {
              w.flush();
            }
          }
        });
      }
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    List<CorpusRecord> all = read(f);
    assertThat(all).hasSize(8000).doesNotHaveDuplicates();
  }

  @Test
  void overwriteStartsEmpty() {
    Path f = dir.resolve("o.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      w.write(rec(1));
    }
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(f)) {
      w.write(rec(9));
    }
    assertThat(read(f)).containsExactly(rec(9));
  }

  @Test
  void aGroupWrittenAtOnceLandsAsConsecutiveLinesInOrder() {
    Path f = dir.resolve("group.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      w.write(rec(0));
      w.writeAll(List.of(rec(1), rec(2), rec(3)));
      w.writeAll(List.of());
      assertThat(w.written()).isEqualTo(4);
    }
    assertThat(read(f)).containsExactly(rec(0), rec(1), rec(2), rec(3));
  }

  @Test
  void theFlushBarrierRunsBeforeAnyLineReachesTheFileAndAFailingOneKeepsThemOut() throws Exception {
    Path f = dir.resolve("barrier.jsonl");
    List<Long> sizesSeenByBarrier = new ArrayList<>();
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(f)) {
      w.flushBarrier(() -> sizesSeenByBarrier.add(f.toFile().length()));
      w.write(rec(1));
      w.flush();
      w.write(rec(2));
      w.flush();
      w.flush(); // nothing buffered: no barrier needed
      assertThat(sizesSeenByBarrier).hasSize(2);
      assertThat(sizesSeenByBarrier.get(0)).isZero();
      assertThat(sizesSeenByBarrier.get(1)).isEqualTo(Files.size(f) / 2);
      w.flushBarrier(() -> {
        throw new IllegalStateException("source not durable");
      });
      w.write(rec(3));
      long before = Files.size(f);
      org.assertj.core.api.Assertions.assertThatThrownBy(w::flush)
          .hasMessageContaining("source not durable");
      assertThat(Files.size(f)).isEqualTo(before);
      w.flushBarrier(() -> { });
    }
    assertThat(read(f)).containsExactly(rec(1), rec(2), rec(3));
  }
}
