package org.distill4j.spark.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.spark.SparkSessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark dedup against the local filter run, on the same chain file and corpus. */
public class SparkDedupTest {
  private static final String[] WORDS = ("to go home early and rest after a long day at work"
      + " because the weather was cold wet dark and everyone felt tired hungry bored").split(" ");
  @TempDir Path dir;

  /**
   * 60 groups of a 14-word tail: the tail, a case-and-period copy (an exact duplicate), one word
   * changed, two changed, three changed (near duplicates of one another, in chains), and an
   * unrelated tail; shuffled, with one invalid line.
   */
  private Path corpus() throws IOException {
    return corpus(dir);
  }

  /** The fixture corpus in {@code dir}/in.jsonl; the filter job's test uses it too. */
  public static Path corpus(Path dir) throws IOException {
    Random random = new Random(7);
    List<CorpusRecord> records = new ArrayList<>();
    for (int g = 0; g < 60; g++) {
      String[] tail = sentence(random);
      String relation = g % 2 == 0 ? "xIntent" : "xWant";
      records.add(triple(relation, String.join(" ", tail)));
      records.add(triple(relation, String.join(" ", tail).toUpperCase() + "."));
      for (int changed = 1; changed <= 3; changed++) {
        String[] copy = tail.clone();
        for (int c = 0; c < changed; c++) {
          copy[random.nextInt(copy.length)] = "word" + g + "x" + c;
        }
        records.add(triple(relation, String.join(" ", copy)));
      }
      records.add(triple("xWant", String.join(" ", sentence(random))));
    }
    Collections.shuffle(records, random);
    Path in = dir.resolve("in.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(in)) {
      records.forEach(w::write);
    }
    Files.writeString(in, "{\"knowledge\": {\"kind\": \"triple\"}}\n\n",
        java.nio.file.StandardOpenOption.APPEND);
    return in;
  }

  private static String[] sentence(Random random) {
    String[] s = new String[14];
    for (int i = 0; i < s.length; i++) {
      s[i] = WORDS[random.nextInt(WORDS.length)];
    }
    return s;
  }

  private static CorpusRecord triple(String relation, String tail) {
    return CorpusRecord.of(new CommonsenseTriple("PersonX comes back", relation, tail),
        Provenance.unknown());
  }

  private static List<String> ids(Path file) {
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(file, CorpusRecord.class)) {
      return r.records(BadLinePolicy.failFast()).map(CorpusRecord::id).toList();
    }
  }

  @Test
  void keepsWhatTheLocalChainKeepsWithTheSameFunnel() throws IOException {
    Path in = corpus();
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, """
        filters:
          - type: exact-dedup
          - type: near-dedup
            name: near
            threshold: 0.6
        """);
    ChainConfig config = ChainConfig.read(chain);
    Funnel local = new FilterRun(config.stages(dir).stages(), config.batchSizeOrDefault())
        .run(in, dir.resolve("local"));

    Funnel spark = new SparkDedup(SparkSessions.local()).run(chain, in, dir.resolve("spark"));

    // The fixture exercises both stages, near-duplicate chains included.
    assertThat(local.stages().get(0).out()).isLessThan(local.stages().get(0).in());
    assertThat(local.stages().get(1).out()).isLessThan(local.stages().get(1).in() - 30);
    assertThat(spark).isEqualTo(local);
    assertThat(ids(dir.resolve("spark/kept.jsonl")))
        .containsExactlyElementsOf(ids(dir.resolve("local/kept.jsonl")));
  }

  @Test
  void refusesAChainWithOtherStages() throws IOException {
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, "filters:\n  - type: exact-dedup\n  - type: kind\n");
    assertThatThrownBy(() -> new SparkDedup(SparkSessions.local())
        .run(chain, corpus(), dir.resolve("out")))
        .isInstanceOf(InputException.class).hasMessageContaining("found \"kind\"");
  }
}
