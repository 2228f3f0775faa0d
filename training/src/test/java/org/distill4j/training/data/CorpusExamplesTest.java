package org.distill4j.training.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusExamplesTest {
  @TempDir Path dir;

  private Path write(CorpusRecord... records) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (CorpusRecord r : records) {
      sb.append(CorpusJson.json().writeValueAsString(r)).append('\n');
    }
    return Files.writeString(dir.resolve("c.jsonl"), sb.toString());
  }

  @Test
  void shapesEachKindAndWeighsByTheNamedScore() throws Exception {
    Path file = write(
        CorpusRecord.of(new CommonsenseTriple("PersonX eats", "xIntent", "to be full"),
            Provenance.imported("t")).withScore("critic", 0.25),
        CorpusRecord.of(new Rationale("Where is ink?", List.of("pen", "sky"),
            List.of("Ink is in pens."), "pen"), Provenance.imported("t")),
        CorpusRecord.of(new Comparative("steel", "heavier", "foam", null, null),
            Provenance.imported("t")),
        CorpusRecord.of(new QaPair("Who?", "Ann", "Ann wrote it."), Provenance.imported("t")),
        CorpusRecord.of(new QaPair("Why?", "Because", null), Provenance.imported("t"))
            .withVerdict(new Verdict.Rejected("rules", "too short")));
    CorpusExamples.Loaded loaded = CorpusExamples.read(file, "critic", false);
    assertThat(loaded.rejected()).isEqualTo(1);
    List<TrainingExample> ex = loaded.examples();
    assertThat(ex).hasSize(4);
    assertThat(ex.get(0).input()).isEqualTo("PersonX eats xIntent");
    assertThat(ex.get(0).target()).isEqualTo("to be full");
    assertThat(ex.get(0).weight()).isEqualTo(0.25);
    assertThat(ex.get(1).input()).isEqualTo("Where is ink? (a) pen (b) sky");
    assertThat(ex.get(1).target()).isEqualTo("Ink is in pens. So the answer is pen.");
    assertThat(ex.get(2).input()).isEqualTo("steel ; foam");
    assertThat(ex.get(2).target()).isEqualTo("steel is heavier than foam");
    assertThat(ex.get(3).input()).isEqualTo("Ann wrote it. Question: Who?");
    assertThat(ex.get(3).weight()).isEqualTo(1.0);

    List<TrainingExample> choice = CorpusExamples.read(file, null, false, false).examples();
    assertThat(choice).hasSize(4);
  }

  @Test
  void aBadLineStopsWithFileAndLine() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.jsonl"),
        CorpusJson.json().writeValueAsString(CorpusRecord.of(
            new CommonsenseTriple("a", "xIntent", "b"), Provenance.imported("t")))
            + "\n{\"knowledge\": {\"kind\": \"triple\", \"head\": \"x\"}}\n");
    assertThatThrownBy(() -> CorpusExamples.read(file, null, false))
        .isInstanceOf(InputException.class).hasMessageContaining("bad.jsonl:2");
  }

  @Test
  void aChoiceScorerNeedsRationalesWithChoices() throws Exception {
    Path file = write(CorpusRecord.of(new QaPair("Who?", "Ann", null), Provenance.imported("t")));
    assertThatThrownBy(() -> CorpusExamples.read(file, null, false, true))
        .isInstanceOf(InputException.class).hasMessageContaining("c.jsonl:1")
        .hasMessageContaining("choices");
  }
}
