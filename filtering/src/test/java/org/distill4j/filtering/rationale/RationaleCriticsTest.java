package org.distill4j.filtering.rationale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill4j.filtering.Fixtures.rationale;

import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.chain.Assessment;
import org.distill4j.filtering.chain.Critic;
import org.junit.jupiter.api.Test;

class RationaleCriticsTest {
  private static final List<String> ABC = List.of("park", "train station", "bank");

  @Test
  void answerCheckComparesByOptionAgainstGold() {
    AnswerCheckCritic c = new AnswerCheckCritic(Map.of("Where do bums sleep?", "train station"),
        true);
    List<Assessment> a = c.assess(List.of(
        rationale("Where do bums sleep?", ABC, "s", "(b)", "t", 0),
        rationale("where do bums sleep", ABC, "s", "park", "t", 1),
        rationale("Who?", ABC, "s", "park", "t", 2)));
    assertThat(a.get(0).kept()).isTrue();
    assertThat(a.get(1).reason()).isEqualTo("answer \"park\" differs from gold \"train station\"");
    assertThat(a.get(2).reason()).isEqualTo("no gold answer for this question");
  }

  @Test
  void goldFileIsReadAndABadLineNamesItsLocation(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Path gold = dir.resolve("gold.jsonl");
    java.nio.file.Files.writeString(gold, "{\"question\":\"Q1?\",\"answer\":\"park\"}\n"
        + "{\"question\":\"Q2?\",\"answer\":42}\n");
    assertThat(AnswerCheckCritic.readGold(gold)).containsEntry("Q1?", "park")
        .containsEntry("Q2?", "42");
    java.nio.file.Files.writeString(gold, "{\"question\":\"Q1?\",\"answer\":\"park\"}\n"
        + "{\"q\":\"Q2?\"}\n");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AnswerCheckCritic.readGold(gold))
        .isInstanceOf(org.distill4j.core.io.InputException.class)
        .hasMessageContaining("gold.jsonl:2").hasMessageContaining("\"question\"");
  }

  @Test
  void selfConsistencyKeepsMajorityAndChecksMinimumAndTeachers() {
    List<CorpusRecord> rs = List.of(
        rationale("Q1?", ABC, "a", "(b)", "t1", 0),
        rationale("Q1?", ABC, "b", "train station", "t1", 1),
        rationale("Q1?", ABC, "c", "(a)", "t1", 2),
        rationale("Q2?", ABC, "d", "park", "t1", 0),
        rationale("Q2?", ABC, "e", "bank", "t1", 1),
        rationale("Q3?", ABC, "f", "bank", "t1", 0),
        rationale("Q3?", ABC, "g", "bank", "t1", 1),
        rationale("Q3?", ABC, "h", "bank", "t2", 0),
        rationale("Q3?", ABC, "i", "park", "t2", 1),
        rationale("Q3?", ABC, "j", "park", "t2", 2));
    Critic c = new SelfConsistencyCritic(0.5, 0).observe(rs.iterator());
    List<Assessment> a = c.assess(rs);
    assertThat(a.subList(0, 3)).extracting(Assessment::kept).containsExactly(true, true, false);
    assertThat(a.get(2).reason()).contains("disagrees with the majority \"train station\"");
    assertThat(a.get(3).reason()).startsWith("no majority answer");
    assertThat(a.get(5).kept()).isTrue();

    // Q3: t1 says bank, t2 says park (2 of 3): teachers disagree.
    List<Assessment> strict = new SelfConsistencyCritic(0.5, 1.0).observe(rs.iterator())
        .assess(rs);
    assertThat(strict.get(5).reason()).contains("only 0.50 of the teachers agree");
    // A minimum agreement above the majority's share rejects even the majority.
    List<Assessment> high = new SelfConsistencyCritic(0.9, 0).observe(rs.iterator()).assess(rs);
    assertThat(high.get(0).reason()).contains("has only 2 of 3 samples");
  }
}
