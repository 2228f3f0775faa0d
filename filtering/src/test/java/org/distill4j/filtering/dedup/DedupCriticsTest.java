package org.distill4j.filtering.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill4j.filtering.Fixtures.triple;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.rules.Words;
import org.junit.jupiter.api.Test;

class DedupCriticsTest {

  @Test
  void exactDedupIgnoresCaseSpacingAndEndPunctuationAndNamesTheFirst() {
    ExactDedupCritic c = new ExactDedupCritic();
    CorpusRecord first = triple("PersonX eats", "xIntent", "to be fed");
    List<Assessment> a = c.assess(List.of(first, triple("PersonX eats", "xNeed", "food")));
    assertThat(a).allMatch(Assessment::kept);
    // Across batches: the state persists.
    List<Assessment> b = c.assess(List.of(triple("personx  EATS", "xIntent", "to be fed."),
        triple("PersonX eats", "xIntent", "to be full")));
    assertThat(b.get(0).kept()).isFalse();
    assertThat(b.get(0).reason()).isEqualTo("exact duplicate of " + first.id()
        + " (similarity 1.00)");
    assertThat(b.get(1).kept()).isTrue();
  }

  @Test
  void nearDedupDropsAOneWordEditButKeepsADifferentSentence() {
    NearDedupCritic c = new NearDedupCritic(0.6);
    CorpusRecord a = triple("PersonX walks the dog in the park every single morning", "xIntent",
        "to keep the dog healthy and happy all year long");
    CorpusRecord nearCopy = triple("PersonX walks the dog in the park every single morning",
        "xIntent", "to keep the dog healthy and happy all year round");
    CorpusRecord other = triple("PersonX paints the fence", "xNeed", "to buy white paint");
    List<Assessment> out = c.assess(List.of(a, nearCopy, other));
    assertThat(out.get(0).kept()).isTrue();
    assertThat(out.get(1).kept()).isFalse();
    assertThat(out.get(1).reason()).startsWith("near duplicate of " + a.id() + " (jaccard ");
    assertThat(out.get(1).scores().get("")).isGreaterThanOrEqualTo(0.6);
    assertThat(out.get(2).kept()).isTrue();
  }

  @Test
  void fastNormalisedHashEqualsHashOfTheNormaliser() {
    for (String s : List.of("PersonX  EATS\tfood.", "  a b  ", "Hello?!", "...", "", "Ｃａｆé ok",
        "x\u001fy", "Tab\u000Bbed , ", "MiXeD Case;", "ﬁne")) {
      assertThat(Hash64.ofNormalized(s)).as(s)
          .isEqualTo(Hash64.of(org.distill4j.core.knowledge.TextNormalizer.normalize(s)));
    }
  }

  @Test
  void minHashEstimateTracksTrueJaccard() {
    MinHasher h = new MinHasher(256, 1, 1);
    char[] x = new char[256];
    char[] y = new char[256];
    // 10 shared words out of 20 distinct: Jaccard 0.5.
    h.signature("a b c d e f g h i j k l m n o", x);
    h.signature("f g h i j k l m n o p q r s t", y);
    assertThat(MinHasher.similarity(x, 0, y, 0, 256)).isBetween(0.38, 0.62);
  }

  /**
   * Randomised with a reported seed: copies with one word changed (true Jaccard of bigrams well
   * above the threshold) are caught, and random sentences (Jaccard near 0) are never dropped.
   */
  @Test
  void nearDedupRecallAndPrecisionOnRandomCorpus() {
    long seed = 20261125L;
    Random rnd = new Random(seed);
    List<String> vocab = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      vocab.add("w" + i);
    }
    NearDedupCritic c = new NearDedupCritic(0.7);
    List<CorpusRecord> originals = new ArrayList<>();
    List<CorpusRecord> copies = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      List<String> words = new ArrayList<>();
      for (int w = 0; w < 30; w++) {
        words.add(vocab.get(rnd.nextInt(vocab.size())));
      }
      originals.add(triple("PersonX e" + i, "xEffect", String.join(" ", words)));
      words.set(29, "changed");
      copies.add(triple("PersonX e" + i, "xEffect", String.join(" ", words)));
    }
    assertThat(c.assess(originals)).as("seed %d", seed).allMatch(Assessment::kept);
    List<Assessment> dup = c.assess(copies);
    long caught = dup.stream().filter(a -> !a.kept()).count();
    assertThat(caught).as("seed %d", seed).isGreaterThanOrEqualTo(490);
    for (int i = 0; i < dup.size(); i++) {
      if (!dup.get(i).kept()) {
        assertThat(dup.get(i).reason()).contains(originals.get(i).id());
      }
    }
    assertThat(Words.of(copies.get(0).knowledge().text())).contains("changed");
  }
}
