package org.distill4j.spark.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.filtering.chain.Funnel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * semantic-dedup with the real all-MiniLM-L6-v2 model: embedded on the executors, the greedy rule
 * on the driver, against the local filter run on the same chain file.
 */
class SparkSemanticDedupTest {
  /** An event, a paraphrase of it, and the tail both share. */
  private static final String[][] PAIRS = {
    {"PersonX buys a car", "PersonX purchases a car", "to drive to work"},
    {"PersonX bakes bread", "PersonX bakes a loaf of bread", "to buy flour"},
    {"PersonX goes to the gym", "PersonX heads to the gym", "to get fit"},
    {"PersonX reads a book", "PersonX reads a novel", "to relax at home"},
    {"PersonX paints the fence", "PersonX paints the wooden fence", "to buy paint"},
    {"PersonX calls a friend", "PersonX phones a friend", "to talk for a while"},
    {"PersonX plants a tree", "PersonX plants a young tree", "to dig a hole"},
    {"PersonX cooks dinner", "PersonX makes dinner", "to eat with family"},
    {"PersonX washes the car", "PersonX cleans the car", "to get soap"},
    {"PersonX writes a letter", "PersonX writes a short letter", "to find a pen"},
  };
  private static final String[][] OTHERS = {
    {"PersonX loses the keys", "to search the house"},
    {"PersonX wins the lottery", "to quit the job"},
    {"PersonX misses the bus", "to walk to school"},
    {"PersonX adopts a puppy", "to buy dog food"},
    {"PersonX breaks a leg", "to see a doctor"},
    {"PersonX learns to swim", "to take lessons"},
    {"PersonX moves to Paris", "to learn French"},
    {"PersonX fixes the roof", "to climb a ladder"},
  };
  @TempDir Path dir;

  private static CorpusRecord triple(String head, String tail) {
    return CorpusRecord.of(new CommonsenseTriple(head, "xIntent", tail), Provenance.unknown());
  }

  private Path corpus() {
    List<CorpusRecord> records = new ArrayList<>();
    for (String[] p : PAIRS) {
      records.add(triple(p[0], p[2]));
      records.add(triple(p[1], p[2]));
    }
    for (String[] o : OTHERS) {
      records.add(triple(o[0], o[1]));
    }
    Collections.shuffle(records, new Random(3));
    Path in = dir.resolve("in.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(in)) {
      records.forEach(w::write);
    }
    return in;
  }

  @Test
  void keepsWhatTheLocalChainKeepsWithTheSameReasonsAndScores() throws IOException {
    Path in = corpus();
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, """
        batch_size: 8
        filters:
          - type: exact-dedup
          - type: semantic-dedup
            name: paraphrase
            threshold: 0.85
          - type: length
            max_words: 12
        """);
    Funnel local = SparkFilterTest.sameAsLocal(dir, chain, in);
    SparkFilterTest.sameRecordsAsLocal(dir);

    Funnel.StageCount paraphrase = local.stages().get(1);
    assertThat(paraphrase.in()).isEqualTo(PAIRS.length * 2 + OTHERS.length);
    assertThat(paraphrase.in() - paraphrase.out()).isGreaterThanOrEqualTo(PAIRS.length / 2);
    assertThat(paraphrase.out()).isGreaterThanOrEqualTo(PAIRS.length + OTHERS.length);
    assertThat(Files.readString(dir.resolve("spark/rejected.jsonl")))
        .contains("semantic duplicate of");
  }
}
