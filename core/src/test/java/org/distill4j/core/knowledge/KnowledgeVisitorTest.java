package org.distill4j.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.junit.jupiter.api.Test;

class KnowledgeVisitorTest {
  /** Names the method each kind was dispatched to, with a field only that kind has. */
  private static final Knowledge.Visitor<String> NAMES = new Knowledge.Visitor<>() {
    @Override
    public String qa(QaPair qa) {
      return "qa:" + qa.answer();
    }

    @Override
    public String rationale(Rationale rationale) {
      return "rationale:" + rationale.steps().size();
    }

    @Override
    public String comparative(Comparative comparative) {
      return "comparative:" + comparative.adjective();
    }

    @Override
    public String triple(CommonsenseTriple triple) {
      return "triple:" + triple.tail();
    }
  };

  @Test
  void eachKindReachesItsOwnMethodAndTheVisitorLeavesTheJsonAlone() throws Exception {
    List<Knowledge> all = List.of(
        new QaPair("Who?", "Ada", null),
        new Rationale("2+2?", List.of(), List.of("Two and two.", "Four."), "4"),
        new Comparative("steel", "heavier", "styrofoam", null, null),
        new CommonsenseTriple("PersonX eats", "xNeed", "to be hungry"));
    assertThat(all).extracting(k -> k.accept(NAMES))
        .containsExactly("qa:Ada", "rationale:2", "comparative:heavier", "triple:to be hungry");
    for (Knowledge k : all) {
      String json = CorpusJson.json().writeValueAsString(k);
      assertThat(json).doesNotContain("accept");
      assertThat(CorpusJson.json().readValue(json, Knowledge.class)).isEqualTo(k);
    }
  }
}
