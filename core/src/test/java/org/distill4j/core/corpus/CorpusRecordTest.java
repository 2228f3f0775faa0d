package org.distill4j.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.junit.jupiter.api.Test;

class CorpusRecordTest {
  private final ObjectMapper json = CorpusJson.json();

  @Test
  void sameKnowledgeWrittenDifferentlyGetsTheSameId() {
    var a = CorpusRecord.of(new CommonsenseTriple("PersonX pays the bill", "xIntent",
        "to be generous"), Provenance.imported("a"));
    var b = CorpusRecord.of(new CommonsenseTriple("  personx PAYS the   bill.", "xIntent",
        "To be generous."), Provenance.builder().runId("r2").build());
    var c = CorpusRecord.of(new CommonsenseTriple("PersonX pays the bill", "xWant",
        "to be generous"), null);
    assertThat(a.id()).isEqualTo(b.id()).hasSize(ContentId.LENGTH);
    assertThat(c.id()).isNotEqualTo(a.id());
  }

  @Test
  void kindsDoNotShareIds() {
    var qa = new QaPair("a", "b", null);
    var rat = new Rationale("a", List.of(), List.of("b"), "b");
    assertThat(ContentId.of(qa)).isNotEqualTo(ContentId.of(rat));
  }

  @Test
  void roundTripsEveryKindThroughJson() throws Exception {
    List<Knowledge> all = List.of(
        new QaPair("Who wrote it?", "Ann", "Ann wrote it in 1990."),
        new Rationale("2+2?", List.of("3", "4"), List.of("Two and two make four."), "4"),
        new Comparative("steel", "heavier", "styrofoam", null, null),
        new CommonsenseTriple("PersonX runs", "xNeed", "to put on shoes"));
    for (Knowledge k : all) {
      var rec = CorpusRecord.of(k, Provenance.builder().runId("r").teacherModel("m")
          .sampling(new Sampling(2, 0.7, 0.9, 64, 7L)).sampleIndex(1)
          .createdAt(Instant.parse("2026-01-01T00:00:00Z")).build())
          .withScore("critic", 0.75)
          .withVerdict(new Verdict.Kept("length"))
          .withVerdict(new Verdict.Rejected("dedup", "duplicate of x"));
      String line = json.writeValueAsString(rec);
      assertThat(line).doesNotContain("\n").contains("\"kind\":\"" + k.kind().id() + "\"");
      CorpusRecord back = json.readValue(line, CorpusRecord.class);
      assertThat(back).isEqualTo(rec);
      assertThat(back.rejection()).isEqualTo(new Verdict.Rejected("dedup", "duplicate of x"));
    }
  }

  @Test
  void theUsersOwnIdTravelsThroughJsonAndFilterUpdatesButNotIntoTheContentId() throws Exception {
    var k = new QaPair("Who wrote it?", "Ann", null);
    CorpusRecord rec = CorpusRecord.of(k, Provenance.unknown()).withExternalId("q-17")
        .withScore("critic", 0.5).withVerdict(new Verdict.Kept("length"));
    String line = json.writeValueAsString(rec);
    assertThat(line).contains("\"externalId\":\"q-17\"");
    assertThat(json.readValue(line, CorpusRecord.class).externalId()).isEqualTo("q-17");
    assertThat(rec.id()).isEqualTo(CorpusRecord.of(k, null).id());
    assertThat(json.writeValueAsString(CorpusRecord.of(k, null))).doesNotContain("externalId");
    assertThat(CorpusRecord.of(k, null).withExternalId("  ").externalId()).isNull();
  }

  @Test
  void anIdThatDoesNotMatchTheContentIsRefused() {
    var k = new QaPair("q", "a", null);
    assertThatThrownBy(() -> new CorpusRecord("0000", null, k, null, null, null))
        .hasMessageContaining("field \"id\"").hasMessageContaining(ContentId.of(k));
  }

  @Test
  void validationMessagesNameTheField() {
    assertThatThrownBy(() -> new CommonsenseTriple("x", "xIntent", " "))
        .hasMessage("field \"tail\" must not be blank");
    assertThatThrownBy(() -> new CommonsenseTriple("x", "has space", "y"))
        .hasMessageContaining("field \"relation\"");
    assertThatThrownBy(() -> new Comparative("Steel", "heavier", "steel", null, null))
        .hasMessageContaining("\"subject\" and \"object\" must differ");
    assertThatThrownBy(() -> new Rationale("q", null, List.of(), "a"))
        .hasMessageContaining("field \"steps\"");
    assertThatThrownBy(() -> new Sampling(0, null, null, null, null))
        .hasMessageContaining("field \"n\"");
    assertThatThrownBy(() -> new Verdict.Rejected("f", ""))
        .hasMessageContaining("reason");
  }

  @Test
  void comparativeWritesItsStatementWhenNoneIsGiven() {
    var c = new Comparative("a knife", "sharper", "a spoon", Comparative.Polarity.NEGATED, null);
    assertThat(c.text()).isEqualTo("a knife is not sharper than a spoon");
    assertThat(c.relation()).isEqualTo("sharper");
    assertThat(c.kind()).isEqualTo(KnowledgeKind.COMPARATIVE);
  }
}
