package org.distill4j.filtering.comparative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill4j.filtering.Fixtures.comparative;

import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.filtering.stage.Assessment;
import org.junit.jupiter.api.Test;

class ComparativeConsistencyCriticTest {

  @Test
  void twoCycleDropsTheSideWithLessSupport() {
    List<CorpusRecord> rs = List.of(
        comparative("steel", "heavier", "wood"),
        comparative("Steel", "heavier", "wood"),
        comparative("wood", "heavier", "steel"),
        comparative("wood", "lighter", "steel"));
    ComparativeConsistencyCritic c = new ComparativeConsistencyCritic(null);
    List<Assessment> a = c.observe(rs.iterator()).assess(rs);
    assertThat(a).extracting(Assessment::kept).containsExactly(true, true, false, true);
    assertThat(a.get(2).reason()).contains("wood > steel (support 1)")
        .contains("dropped the weaker side wood > steel");
    assertThat(c.contradictions()).hasSize(1);
  }

  @Test
  void longerCycleIsBrokenAtItsWeakestEdgeAndTiesDropBoth() {
    CorpusRecord ab = comparative("a", "faster", "b").withScore("critic", 0.9);
    CorpusRecord bc = comparative("b", "faster", "c").withScore("critic", 0.8);
    CorpusRecord ca = comparative("c", "faster", "a").withScore("critic", 0.2);
    CorpusRecord xy = comparative("x", "faster", "y");
    CorpusRecord yx = comparative("y", "faster", "x");
    List<CorpusRecord> rs = List.of(ab, bc, ca, xy, yx);
    ComparativeConsistencyCritic c = new ComparativeConsistencyCritic("critic");
    List<Assessment> a = c.observe(rs.iterator()).assess(rs);
    assertThat(a.subList(0, 3)).extracting(Assessment::kept).containsExactly(true, true, false);
    assertThat(a.get(2).reason()).contains("cycle").contains("dropped the weakest edge c > a");
    // x/y carry no critic score: equal support 0, both dropped.
    assertThat(a.get(3).kept()).isFalse();
    assertThat(a.get(4).reason()).contains("both sides dropped");
  }

  @Test
  void affirmedAgainstNegatedIsAContradiction() {
    CorpusRecord yes = comparative("cat", "smaller", "dog");
    CorpusRecord yes2 = CorpusRecord.of(new Comparative("cat", "smaller", "dog", null,
        "A cat is smaller than a dog"), Provenance.unknown());
    CorpusRecord no = CorpusRecord.of(new Comparative("cat", "smaller", "dog",
        Comparative.Polarity.NEGATED, null), Provenance.unknown());
    List<CorpusRecord> rs = List.of(yes, yes2, no);
    List<Assessment> a = new ComparativeConsistencyCritic(null).observe(rs.iterator()).assess(rs);
    assertThat(a).extracting(Assessment::kept).containsExactly(true, true, false);
  }
}
