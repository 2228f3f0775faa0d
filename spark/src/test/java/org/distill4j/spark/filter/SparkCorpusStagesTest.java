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
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.filtering.chain.Funnel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-corpus stages (self-consistency, comparative contradictions) as shuffles by group,
 * against the local filter run on the same chain file: same records kept in the same order,
 * same rejections with the same reasons and scores, same funnel.
 */
class SparkCorpusStagesTest {
  private static final String[] ADJECTIVES = {"heavier", "faster", "older", "taller", "warmer",
      "louder", "brighter", "harder", "wider", "deeper", "cheaper", "sweeter"};
  @TempDir Path dir;

  private Path write(List<CorpusRecord> records, Random random) {
    Collections.shuffle(records, random);
    Path in = dir.resolve("in.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(in)) {
      records.forEach(w::write);
    }
    return in;
  }

  private static CorpusRecord triple(int i) {
    return CorpusRecord.of(new CommonsenseTriple("PersonX plays game " + i, "xWant",
        "to win round " + i), Provenance.unknown());
  }

  /**
   * 40 questions, 3 to 5 samples each from two teachers (seed ids tie the samples together);
   * every fourth question's samples scatter over three answers, so its majority is weak or
   * tied. Some samples are too long for the length stage before self-consistency, which changes
   * what it counts; ten triples have no question and pass it untouched.
   */
  private Path rationales() {
    Random random = new Random(11);
    List<CorpusRecord> records = new ArrayList<>();
    for (int q = 0; q < 40; q++) {
      int samples = 3 + q % 3;
      double agree = q % 4 == 0 ? 0.4 : 0.85;
      for (int s = 0; s < samples; s++) {
        int answer = random.nextDouble() < agree ? q : q + 1 + random.nextInt(2);
        String step = s == 4 ? "first add every number of the question and then carry on with"
            + " a very long and winding explanation of sample " + s : "add them, sample " + s;
        records.add(CorpusRecord.of(new Rationale("What is question number " + q + "?",
            List.of(), List.of(step), String.valueOf(answer)), Provenance.builder()
            .teacherModel(s % 2 == 0 ? "t1" : "t2").sampleIndex(s).seedId("q.jsonl:" + q)
            .build()));
      }
    }
    for (int i = 0; i < 10; i++) {
      records.add(triple(i));
    }
    return write(records, random);
  }

  @Test
  void selfConsistencyAsAShuffleByQuestionKeepsWhatTheLocalChainKeeps() throws IOException {
    Path in = rationales();
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, """
        batch_size: 8
        filters:
          - type: length
            max_words: 16
          - type: self-consistency
            min_agreement: 0.6
            min_teacher_agreement: 0.5
          - type: exact-dedup
        """);
    Funnel local = SparkFilterTest.sameAsLocal(dir, chain, in);
    SparkFilterTest.sameRecordsAsLocal(dir);

    Funnel.StageCount votes = local.stages().get(1);
    assertThat(votes.wholeCorpus()).isTrue();
    assertThat(local.stages().get(0).out()).isLessThan(local.stages().get(0).in());
    assertThat(votes.out()).isLessThan(votes.in() - 10).isGreaterThan(votes.in() / 2);
    assertThat(votes.byKind().get("triple").out()).isEqualTo(10);
    assertThat(Files.readString(dir.resolve("spark/rejected.jsonl")))
        .contains("disagrees with the majority").contains("below 0.60");
  }

  private static CorpusRecord says(String a, String adj, String b, String statement) {
    return CorpusRecord.of(new Comparative(a, adj, b, null, statement), Provenance.unknown());
  }

  private static CorpusRecord denies(String a, String adj, String b) {
    return CorpusRecord.of(new Comparative(a, adj, b, Comparative.Polarity.NEGATED, null),
        Provenance.unknown());
  }

  /**
   * Twelve adjectives, each with a consistent chain a &gt; b &gt; c &gt; d and, by turns, a
   * two-cycle with unequal support, an affirmed-against-negated pair, a three-cycle, and a
   * two-cycle with equal support; the adjective's case varies (one group after normalising).
   * Ten triples pass untouched.
   */
  private Path comparatives() {
    Random random = new Random(5);
    List<CorpusRecord> records = new ArrayList<>();
    for (int k = 0; k < ADJECTIVES.length; k++) {
      String adj = ADJECTIVES[k];
      String loud = adj.toUpperCase();
      records.add(says("a" + k, adj, "b" + k, null));
      records.add(says("b" + k, loud, "c" + k, null));
      records.add(says("c" + k, adj, "d" + k, null));
      switch (k % 4) {
        case 0 -> {
          records.add(says("a" + k, adj, "b" + k, "Clearly a" + k + " is " + adj + " than b" + k));
          records.add(says("b" + k, adj, "a" + k, null));
        }
        case 1 -> {
          records.add(says("c" + k, adj, "d" + k, "Surely c" + k + " is " + adj + " than d" + k));
          records.add(denies("c" + k, loud, "d" + k));
        }
        case 2 -> records.add(says("d" + k, adj, "b" + k, null));
        default -> {
          records.add(says("x" + k, adj, "y" + k, null));
          records.add(says("y" + k, adj, "x" + k, null));
        }
      }
    }
    for (int i = 0; i < 10; i++) {
      records.add(triple(i));
    }
    return write(records, random);
  }

  @Test
  void contradictionsAsAShuffleByAdjectiveKeepWhatTheLocalChainKeeps() throws IOException {
    Path in = comparatives();
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, """
        batch_size: 4
        filters:
          - type: exact-dedup
          - type: comparative-consistency
            name: contradictions
        """);
    Funnel local = SparkFilterTest.sameAsLocal(dir, chain, in);
    SparkFilterTest.sameRecordsAsLocal(dir);

    Funnel.StageCount stage = local.stages().get(1);
    assertThat(stage.wholeCorpus()).isTrue();
    // Per four adjectives: one weaker side, one negation, one cycle edge, both sides of a tie.
    assertThat(stage.in() - stage.out()).isEqualTo(3 * (1 + 1 + 1 + 2));
    assertThat(Files.readString(dir.resolve("spark/rejected.jsonl")))
        .contains("dropped the weaker side").contains("dropped the weakest edge")
        .contains("equal support, both sides dropped");
  }
}
