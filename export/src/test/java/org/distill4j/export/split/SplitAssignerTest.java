package org.distill4j.export.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.QaPair;
import org.junit.jupiter.api.Test;

class SplitAssignerTest {
  private static final SplitPlan PLAN = SplitPlan.parse("train=0.9,validation=0.05,test=0.05");

  private static CorpusRecord triple(String head, String relation, String seedId) {
    return CorpusRecord.of(new CommonsenseTriple(head, relation, "tail of " + head + relation),
        Provenance.builder().seedId(seedId).build());
  }

  @Test
  void sharesHoldRoughlyOnTenThousandGroupsAndNoGroupStraddles() {
    SplitAssigner splits = new SplitAssigner(PLAN, 13);
    Map<String, String> groupSplit = new HashMap<>();
    Map<String, Integer> groupsPer = new HashMap<>();
    String[] relations = {"xIntent", "xNeed", "xWant", "xReact"};
    for (int g = 0; g < 10_000; g++) {
      for (int e = 0; e < relations.length; e++) {
        // Every expansion of one seed carries its own "#e" seed id; the group is the seed.
        CorpusRecord r = triple("event " + g, relations[e], "seeds.jsonl:" + g + "#" + e);
        String split = splits.splitOf(r);
        String before = groupSplit.putIfAbsent(GroupKey.of(r), split);
        assertThat(before == null ? split : before).isEqualTo(split);
      }
    }
    assertThat(groupSplit).hasSize(10_000);
    groupSplit.values().forEach(s -> groupsPer.merge(s, 1, Integer::sum));
    // Binomial standard deviations at n = 10,000: 30 for 0.9, 22 for 0.05; allow 5 of them.
    assertThat(groupsPer.get("train")).isBetween(9000 - 150, 9000 + 150);
    assertThat(groupsPer.get("validation")).isBetween(500 - 110, 500 + 110);
    assertThat(groupsPer.get("test")).isBetween(500 - 110, 500 + 110);
  }

  @Test
  void theSameSeedAlwaysGivesTheSameAssignmentWhateverTheOrder() {
    Random random = new Random(7);
    Map<String, String> first = new HashMap<>();
    SplitAssigner a = new SplitAssigner(PLAN, 13);
    for (int i = 0; i < 2000; i++) {
      first.put("k" + i, a.splitOfKey("k" + i));
    }
    SplitAssigner b = new SplitAssigner(PLAN, 13);
    for (int n = 0; n < 2000; n++) {
      String key = "k" + random.nextInt(2000);
      assertThat(b.splitOfKey(key)).isEqualTo(first.get(key));
    }
    SplitAssigner other = new SplitAssigner(PLAN, 14);
    long moved = first.entrySet().stream()
        .filter(e -> !other.splitOfKey(e.getKey()).equals(e.getValue())).count();
    assertThat(moved).as("another seed reshuffles").isGreaterThan(100);
  }

  @Test
  void theGroupIsTheUsersIdThenTheSeedThenTheTextAskedAbout() {
    CorpusRecord withSeed = triple("PersonX eats", "xNeed", "seeds.jsonl:4#2");
    assertThat(GroupKey.of(withSeed)).isEqualTo("seed:seeds.jsonl:4");
    assertThat(GroupKey.of(withSeed.withExternalId("row-9"))).isEqualTo("ext:row-9");
    assertThat(GroupKey.of(CorpusRecord.of(new CommonsenseTriple("PersonX  Eats.", "xNeed", "a"),
        null))).isEqualTo(GroupKey.of(CorpusRecord.of(
            new CommonsenseTriple("personx eats", "xWant", "b"), null)));
    assertThat(GroupKey.of(CorpusRecord.of(new QaPair("Q1?", "A", "One passage."), null)))
        .isEqualTo(GroupKey.of(CorpusRecord.of(new QaPair("Q2?", "B", "One passage."), null)));
    assertThat(GroupKey.of(CorpusRecord.of(new Comparative("steel", "heavier", "foam", null,
        null), null))).isEqualTo(GroupKey.of(CorpusRecord.of(new Comparative("foam", "lighter",
            "steel", null, null), null)));
  }

  @Test
  void plansAreCheckedAndDevMeansValidation() {
    assertThat(SplitPlan.parse("train=0.8, dev=0.2").names())
        .containsExactly("train", "validation");
    assertThatThrownBy(() -> SplitPlan.parse("train=0.8,test=0.1"))
        .hasMessageContaining("must add up to 1");
    assertThatThrownBy(() -> SplitPlan.parse("train=0.9,train=0.1"))
        .hasMessageContaining("named twice");
    assertThatThrownBy(() -> SplitPlan.parse("train=most"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> SplitPlan.parse("train"))
        .hasMessageContaining("NAME=SHARE");
  }
}
