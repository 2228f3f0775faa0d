package org.distill4j.filtering.rationale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.distill4j.filtering.Fixtures.rationale;

import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
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
  void answerCheckReadsWorkedGoldSolutionsAndWorkedAnswers() {
    // GSM8K's own file is usable as gold: its answers are worked solutions ending in "#### N".
    AnswerCheckCritic c = new AnswerCheckCritic(Map.of("How many clips?",
        "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n#### 72"), true);
    CorpusRecord worked = CorpusRecord.of(new org.distill4j.core.knowledge.QaPair(
        "How many clips?", "She sold 24 in May, 48 + 24 = 72 in all.\nA: 72", null),
        org.distill4j.core.corpus.Provenance.unknown());
    CorpusRecord two = CorpusRecord.of(new org.distill4j.core.knowledge.QaPair(
        "How many clips?", "The answer is 72.\nAnswer: 70", null),
        org.distill4j.core.corpus.Provenance.unknown());
    List<Assessment> a = c.assess(List.of(worked, two));
    assertThat(a.get(0).kept()).isTrue();
    assertThat(a.get(1).kept()).isFalse();
    assertThat(a.get(1).reason()).contains("no answer read").contains("two different");
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

  private static CorpusRecord sample(String q, String answer, String teacher, String seedId) {
    return CorpusRecord.of(new org.distill4j.core.knowledge.Rationale(q, ABC, List.of("s"),
        answer), org.distill4j.core.corpus.Provenance.builder().teacherModel(teacher)
        .seedId(seedId).build());
  }

  @Test
  void selfConsistencyGroupsBySeedIdWhenRecordsHaveOne() {
    // One question, reworded by the teacher in each sample: only the seed id ties them together.
    List<CorpusRecord> samples = List.of(
        sample("Where do bums sleep?", "(b)", "t", "q.jsonl:7"),
        sample("Where would a bum sleep?", "train station", "t", "q.jsonl:7"),
        sample("Where might bums sleep at night?", "(a)", "t", "q.jsonl:7"));
    Critic byId = new SelfConsistencyCritic(0.6, 0).observe(samples.iterator());
    List<Assessment> a = byId.assess(samples);
    assertThat(a).extracting(Assessment::kept).containsExactly(true, true, false);
    assertThat(a.get(0).scores().get("")).isEqualTo(2 / 3.0, within(1e-9));

    // By text, each reworded question is its own group of one, which agrees with itself.
    Critic byText = new SelfConsistencyCritic(0.6, 0, SelfConsistencyCritic.GroupBy.QUESTION)
        .observe(samples.iterator());
    assertThat(byText.assess(samples)).extracting(Assessment::kept)
        .containsExactly(true, true, true);

    // Without a seed id, auto falls back to the question text; seed_id refuses to guess.
    List<CorpusRecord> old = List.of(sample("Q?", "(a)", "t", null), sample("Q?", "(a)", "t",
        null));
    assertThat(new SelfConsistencyCritic(0.6, 0).observe(old.iterator()).assess(old))
        .extracting(Assessment::kept).containsExactly(true, true);
    List<Assessment> strict = new SelfConsistencyCritic(0.6, 0,
        SelfConsistencyCritic.GroupBy.SEED_ID).observe(old.iterator()).assess(old);
    assertThat(strict.get(0).kept()).isFalse();
    assertThat(strict.get(0).reason()).contains("seedId").contains("group_by: question");
  }

  @Test
  void groupByIsReadFromTheChainFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path yaml = dir.resolve("c.yaml");
    java.nio.file.Files.writeString(yaml, "filters:\n  - type: self-consistency\n"
        + "    group_by: question\n");
    var config = org.distill4j.filtering.chain.ChainConfig.read(yaml);
    var stage = (org.distill4j.filtering.stage.Stage.WholeCorpus) config.stages(dir).stages()
        .get(0);
    assertThat(((SelfConsistencyCritic) stage.critic()).groupBy())
        .isEqualTo(SelfConsistencyCritic.GroupBy.QUESTION);
    java.nio.file.Files.writeString(yaml, "filters:\n  - type: self-consistency\n"
        + "    group_by: seed\n");
    var bad = org.distill4j.filtering.chain.ChainConfig.read(yaml);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.stages(dir))
        .isInstanceOf(org.distill4j.core.io.InputException.class)
        .hasMessageContaining("group_by must be auto, seed_id or question, found \"seed\"");
  }
}
