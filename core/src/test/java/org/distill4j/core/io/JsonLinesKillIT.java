package org.distill4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** A writer killed with SIGKILL loses at most its unflushed tail, and the file stays readable. */
class JsonLinesKillIT {
  @TempDir Path dir;

  @RepeatedTest(3)
  void appendsSurviveKillNine() throws Exception {
    Path file = dir.resolve("corpus.jsonl");
    int nextStart = 0;
    for (int round = 0; round < 3; round++) {
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          AppendUntilKilled.class.getName(), file.toString(), Integer.toString(nextStart))
          .redirectErrorStream(true).start();
      try (var out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
        assertThat(out.readLine()).isEqualTo("writing");
      }
      Thread.sleep(50 + round * 40L);
      child.destroyForcibly().waitFor(); // SIGKILL on Linux
      // Reopening repairs a torn tail, if the kill left one.
      try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.append(file)) {
        w.recovered().ifPresent(t -> assertThat(t.kept() || t.movedTo() != null).isTrue());
      }
      List<CorpusRecord> all = new ArrayList<>();
      try (var r = JsonLinesReader.open(file, CorpusRecord.class)) {
        r.forEach(all::add); // fails on any bad line
      }
      assertThat(all).doesNotHaveDuplicates();
      assertThat(all.size()).isGreaterThanOrEqualTo(40 * (round + 1));
      nextStart += 1_000_000;
    }
  }
}
