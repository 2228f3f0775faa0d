package org.distill4j.core.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KnowledgeKindTest {
  @Test
  void parsesIdsAndListsTheValidOnesOnError() {
    assertThat(KnowledgeKind.fromId("Triple")).isEqualTo(KnowledgeKind.TRIPLE);
    assertThatThrownBy(() -> KnowledgeKind.fromId("fact"))
        .hasMessageContaining("qa, rationale, comparative, triple");
  }

  @Test
  void normalizesCaseSpacePunctuationAndCompatibilityForms() {
    assertThat(TextNormalizer.normalize("  Ｓteel  IS\theavy!! ")).isEqualTo("steel is heavy");
    assertThat(TextNormalizer.normalize(null)).isEmpty();
  }

  @Test
  void rendersTriplesWithTheRelationGloss() {
    assertThat(new CommonsenseTriple("PersonX runs", "xNeed", "shoes").text())
        .isEqualTo("PersonX runs but before, PersonX needed shoes");
    assertThat(new CommonsenseTriple("a", "madeOf", "b").text()).isEqualTo("a madeOf b");
  }
}
