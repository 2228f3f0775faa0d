package org.distill4j.filtering.rationale;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.filtering.Fixtures;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.Funnel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RationaleSplitCriticTest {
  private static final String WORKED = "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n"
      + "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72";
  private static final List<String> CHOICES = List.of("park", "bank", "train station");

  @TempDir Path dir;

  private static CorpusRecord qa(String q, String a) {
    return CorpusRecord.of(new QaPair(q, a, null), Provenance.unknown());
  }

  private static Assessment one(RationaleSplitCritic c, CorpusRecord r) {
    return c.assess(List.of(r)).get(0);
  }

  @Test
  void aWorkedSolutionInAQaPairBecomesStepsAndAnswer() {
    Assessment a = one(new RationaleSplitCritic(false), qa("How many clips?", WORKED));
    assertThat(a.kept()).isTrue();
    Rationale r = (Rationale) a.replacement();
    assertThat(r.answer()).isEqualTo("72");
    assertThat(r.steps()).hasSize(2).allMatch(s -> !s.contains("####"));
    assertThat(r.steps().get(1)).startsWith("Natalia sold 48+24");
  }

  @Test
  void aRationaleWhoseStepsHoldTheConclusionIsRewritten() {
    Rationale raw = new Rationale("Where do bums sleep?", CHOICES,
        List.of("Bums sleep where it is warm. Stations are warm. So the answer is (c)."),
        "(c) train station.\n\nQ: Where is money kept?\nA: So the answer is (b).");
    Assessment a = one(new RationaleSplitCritic(false),
        CorpusRecord.of(raw, Provenance.unknown()));
    Rationale r = (Rationale) a.replacement();
    assertThat(r.answer()).isEqualTo("train station");
    assertThat(r.steps()).containsExactly("Bums sleep where it is warm.", "Stations are warm.");
  }

  @Test
  void aConcludingSentenceThatReasonsStaysAStepButNotTheSentencesAfterIt() {
    RationaleSplit s = RationaleSplit.of("The answer should be something a tired person does."
        + " Of the above choices, the closest answer is bank. So the answer is (b) bank.\n\n"
        + "Q: Next?", CHOICES);
    assertThat(s.answer().choice()).isEqualTo(1);
    assertThat(s.steps()).containsExactly("The answer should be something a tired person does.",
        "Of the above choices, the closest answer is bank.");
  }

  @Test
  void stepsThatConcludeOtherThanTheAnswerFieldAreRejectedNotRewritten() {
    Rationale r = new Rationale("How many?", List.of(), List.of("3 + 4 = 7.",
        "So the answer is 7."), "8");
    Assessment a = one(new RationaleSplitCritic(false), CorpusRecord.of(r, Provenance.unknown()));
    assertThat(a.kept()).isFalse();
    assertThat(a.reason()).isEqualTo("the steps conclude \"7\" but the answer is \"8\"");
    Rationale agreeing = new Rationale("How many?", List.of(), List.of("3 + 4 = 7.",
        "So the answer is 7."), "7");
    assertThat(((Rationale) one(new RationaleSplitCritic(false),
        CorpusRecord.of(agreeing, Provenance.unknown())).replacement()).steps())
        .containsExactly("3 + 4 = 7.");
  }

  @Test
  void bareAnswersAndOtherKindsGoOnUnchanged() {
    RationaleSplitCritic c = new RationaleSplitCritic(true);
    assertThat(one(c, qa("Capital of France?", "Paris"))).isEqualTo(Assessment.keep());
    assertThat(one(c, Fixtures.rationale("Q?", CHOICES, "Parks are green.", "(a)", "t", 0)))
        .isEqualTo(Assessment.keep());
    assertThat(one(c, Fixtures.triple("PersonX eats", "xIntent", "to be full")))
        .isEqualTo(Assessment.keep());
  }

  @Test
  void twoAnswersAreRejectedAndNoAnswerOnlyWhenRequired() {
    Assessment two = one(new RationaleSplitCritic(false),
        qa("How many?", "3 + 4 = 7. The answer is 7.\nAnswer: 8"));
    assertThat(two.kept()).isFalse();
    assertThat(two.reason()).contains("two different final answers");
    String rambling = "Natalia sold some clips in May. Then she sold more clips in June, and"
        + " nobody counted how many she sold in all over the two months.";
    assertThat(one(new RationaleSplitCritic(false), qa("How many?", rambling)).kept()).isTrue();
    Assessment required = one(new RationaleSplitCritic(true), qa("How many?", rambling));
    assertThat(required.kept()).isFalse();
    assertThat(required.reason()).contains("no final answer");
  }

  @Test
  void theAnswerCheckWorksOnRawTeacherTextAfterTheSplit() throws Exception {
    Path in = Fixtures.write(dir.resolve("in.jsonl"), List.of(qa("How many clips?", WORKED),
        qa("How many clips?", WORKED.replace("#### 72", "A: 70")),
        qa("How many clips?", "Half of 48 is 24, and 48 + 24 = 72.\nThe final answer is $72.00")));
    Files.writeString(dir.resolve("gold.jsonl"), "{\"question\":\"How many clips?\","
        + "\"answer\":\"72\"}\n");
    Path chain = dir.resolve("chain.yaml");
    Files.writeString(chain, """
        filters:
          - type: rationale-split
            require_answer: true
          - type: answer-check
            gold: gold.jsonl
            require_gold: true
        """);
    ChainConfig config = ChainConfig.read(chain);
    Funnel f;
    try (ChainConfig.Chain stages = config.stages(dir)) {
      f = new FilterRun(stages.stages(), 8).run(in, dir.resolve("out"));
    }
    assertThat(f.kept()).isEqualTo(2);
    List<CorpusRecord> kept = Fixtures.read(dir.resolve("out/kept.jsonl"));
    assertThat(kept).extracting(r -> ((Rationale) r.knowledge()).answer())
        .containsExactly("72", "72");
    List<CorpusRecord> rejected = Fixtures.read(dir.resolve("out/rejected.jsonl"));
    assertThat(rejected.get(0).rejection().reason()).contains("\"70\" differs from gold \"72\"");
  }
}
