package org.distill4j.filtering.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill4j.filtering.Fixtures.comparative;
import static org.distill4j.filtering.Fixtures.rationale;
import static org.distill4j.filtering.Fixtures.triple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.comparative.ComparativeConsistencyCritic;
import org.distill4j.filtering.rationale.SelfConsistencyCritic;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link GroupedCorpusCritic}: observing each group on its own (a record without
 * a group alone) gives every record the verdict it gets when the whole corpus is observed.
 */
class GroupedCorpusCriticTest {

  /** Verdicts from one critic over everything, and from a fresh critic per group. */
  private static void sameVerdictsGroupByGroup(Supplier<GroupedCorpusCritic> critics,
      List<CorpusRecord> corpus) {
    List<Assessment> whole = critics.get().observe(corpus.iterator()).assess(corpus);
    GroupedCorpusCritic grouping = critics.get();
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < corpus.size(); i++) {
      String g = grouping.group(corpus.get(i));
      groups.computeIfAbsent(g == null ? "alone " + i : "group " + g, k -> new ArrayList<>())
          .add(i);
    }
    assertThat(groups.size()).isGreaterThan(2).isLessThan(corpus.size());
    Assessment[] split = new Assessment[corpus.size()];
    for (List<Integer> members : groups.values()) {
      List<CorpusRecord> mine = members.stream().map(corpus::get).toList();
      List<Assessment> judged = critics.get().observe(mine.iterator()).assess(mine);
      for (int j = 0; j < members.size(); j++) {
        split[members.get(j)] = judged.get(j);
      }
    }
    assertThat(split).containsExactlyElementsOf(whole);
    assertThat(whole).anyMatch(a -> !a.kept()).anyMatch(Assessment::kept);
  }

  @Test
  void selfConsistencyIsDecidedPerQuestion() {
    List<String> none = List.of();
    List<CorpusRecord> corpus = List.of(
        rationale("Q1?", none, "a", "3", "t1", 0), rationale("Q2?", none, "b", "5", "t1", 0),
        rationale("Q1?", none, "c", "3", "t2", 1), triple("PersonX runs", "xIntent", "to win"),
        rationale("Q1?", none, "d", "4", "t1", 2), rationale("Q2?", none, "e", "6", "t2", 1),
        rationale("Q3?", none, "f", "7", "t1", 0));
    sameVerdictsGroupByGroup(() -> new SelfConsistencyCritic(0.6, 0), corpus);
  }

  @Test
  void contradictionsAreDecidedPerAdjective() {
    List<CorpusRecord> corpus = List.of(
        comparative("steel", "heavier", "wood"), comparative("a", "faster", "b"),
        comparative("wood", "Heavier", "steel"), comparative("b", "faster", "c"),
        comparative("steel", "heavier", "wood").withScore("x", 1.0),
        comparative("c", "faster", "a"), triple("PersonX runs", "xIntent", "to win"),
        comparative("cat", "smaller", "dog"));
    sameVerdictsGroupByGroup(() -> new ComparativeConsistencyCritic(null), corpus);
  }
}
