package org.distill4j.spark.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.lock.FolderLockedException;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterOutputs;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.stage.Stage;
import org.distill4j.spark.SparkSessions;
import org.distill4j.spark.dedup.SparkDedupTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark filter job against the local filter run, on the same chain file and corpus. */
class SparkFilterTest {
  @TempDir Path dir;

  static List<String> ids(Path file) {
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(file, CorpusRecord.class)) {
      return r.records(BadLinePolicy.failFast()).map(CorpusRecord::id).toList();
    }
  }

  /**
   * Runs {@code chain} over {@code in} as the Spark job (into {@code dir/spark}) and locally
   * (into {@code dir/local}), checks that both keep the same records in the same order, reject
   * the same records and write the same funnel, and returns the local funnel. The Spark job runs
   * first, so that a stage with a cache (semantic-dedup's embeddings) computes on the executors.
   */
  static Funnel sameAsLocal(Path dir, Path chain, Path in) {
    Funnel spark = new SparkFilter(SparkSessions.local()).run(chain, in, dir.resolve("spark"));
    ChainConfig config = ChainConfig.read(chain);
    Funnel local;
    try (ChainConfig.Chain stages = config.stages(chain.getParent())) {
      local = new FilterRun(stages.stages(), config.batchSizeOrDefault())
          .run(in, dir.resolve("local"));
    }
    assertThat(spark).isEqualTo(local);
    assertThat(ids(dir.resolve("spark/kept.jsonl")))
        .containsExactlyElementsOf(ids(dir.resolve("local/kept.jsonl")));
    assertThat(ids(dir.resolve("spark/rejected.jsonl")))
        .containsExactlyInAnyOrderElementsOf(ids(dir.resolve("local/rejected.jsonl")));
    // Bad input lines: the same file, line, problem and raw text, in input order.
    try {
      assertThat(Files.readAllLines(dir.resolve("spark").resolve(FilterOutputs.INVALID)))
          .hasSize((int) local.invalidLines())
          .containsExactlyElementsOf(
              Files.readAllLines(dir.resolve("local").resolve(FilterOutputs.INVALID)));
      assertThat(dir.resolve("spark").resolve(FilterOutputs.DIVERSITY))
          .hasSameTextualContentAs(dir.resolve("local").resolve(FilterOutputs.DIVERSITY));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return local;
  }

  /**
   * Besides {@link #sameAsLocal}: the records themselves, verdicts, reasons and scores included,
   * are written byte for byte as the local run writes them (kept in order, rejected in any).
   */
  static void sameRecordsAsLocal(Path dir) throws IOException {
    assertThat(Files.readAllLines(dir.resolve("spark/kept.jsonl")))
        .containsExactlyElementsOf(Files.readAllLines(dir.resolve("local/kept.jsonl")));
    assertThat(Files.readAllLines(dir.resolve("spark/rejected.jsonl")))
        .containsExactlyInAnyOrderElementsOf(
            Files.readAllLines(dir.resolve("local/rejected.jsonl")));
  }

  @Test
  void perRecordAndDedupStagesKeepWhatTheLocalChainKeeps() throws IOException {
    Path in = SparkDedupTest.corpus(dir);
    for (int i = 0; i < 5; i++) {
      CorpusRecord longOne = CorpusRecord.of(new CommonsenseTriple("PersonX comes back",
          "xWant", "to tell everyone about the long trip and every single thing seen on it "
              + "day after day number " + i), Provenance.unknown());
      Files.writeString(in, CorpusJson.json().writeValueAsString(longOne) + "\n",
          StandardOpenOption.APPEND);
    }
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, """
        batch_size: 16
        filters:
          - type: length
            max_words: 18
          - type: exact-dedup
          - type: near-dedup
            threshold: 0.6
          - type: length
            name: not-too-short
            min_words: 3
        """);
    Funnel local = sameAsLocal(dir, chain, in);
    assertThat(local.stages().get(0).out()).isLessThan(local.stages().get(0).in());
  }

  @Test
  void aFolderAnotherRunHoldsIsRefusedAndItsOutputsStayAsTheyWere() throws Exception {
    Path in = SparkDedupTest.corpus(dir);
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, "filters:\n  - type: exact-dedup\n");
    Path out = dir.resolve("out");
    new SparkFilter(SparkSessions.local()).run(chain, in, out);
    List<String> kept = Files.readAllLines(out.resolve(FilterOutputs.KEPT));
    // Another process: within one process the lock is re-entrant.
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
        out.toString()).redirectErrorStream(true).start();
    try {
      assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(
          holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8)).readLine())
          .isEqualTo("locked");
      assertThatThrownBy(() -> new SparkFilter(SparkSessions.local()).run(chain, in, out))
          .isInstanceOf(FolderLockedException.class)
          .hasMessageContaining("PID " + holder.pid());
    } finally {
      holder.destroyForcibly().waitFor();
    }
    assertThat(Files.readAllLines(out.resolve(FilterOutputs.KEPT))).isEqualTo(kept);
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".staging-"));
    }
  }

  @Test
  void refusesAWholeCorpusStageWhoseStateIsNotPerGroup() {
    // Every whole-corpus type a chain file can name is grouped; a critic built in code may not be.
    Stage votes = new Stage.WholeCorpus("votes", "majority-vote",
        records -> Critic.perRecord(r -> Assessment.keep()));
    assertThatThrownBy(() -> SparkFilter.route(dir.resolve("chain.yaml"), votes, null))
        .isInstanceOf(InputException.class).hasMessageContaining("\"majority-vote\"")
        .hasMessageContaining("filter \"votes\"").hasMessageContaining("not kept per group");
  }
}
