package org.distill4j.filtering.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.distill4j.filtering.Fixtures.triple;

import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.neural.MiniLm;
import org.junit.jupiter.api.Test;

/** Uses the real in-process all-MiniLM-L6-v2 model on four sentences. */
class SemanticDedupCriticTest {

  @Test
  void paraphraseIsDroppedUnrelatedKept() {
    SemanticDedupCritic c = new SemanticDedupCritic(MiniLm.embedder(), 0.8);
    CorpusRecord a = triple("PersonX buys a car", "xIntent", "to drive to work");
    CorpusRecord paraphrase = triple("PersonX purchases a car", "xIntent", "to drive to work");
    CorpusRecord other = triple("PersonX bakes bread", "xNeed", "to buy flour");
    List<Assessment> first = c.assess(List.of(a, other));
    assertThat(first).allMatch(Assessment::kept);
    Assessment dup = c.assess(List.of(paraphrase)).get(0);
    assertThat(dup.kept()).isFalse();
    assertThat(dup.reason()).startsWith("semantic duplicate of " + a.id() + " (cosine 0.");
  }
}
