package org.distill4j.filtering.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.filtering.Fixtures.triple;

import java.util.List;
import java.util.Set;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.filtering.stage.Assessment;
import org.junit.jupiter.api.Test;

class RuleCriticsTest {

  private static Assessment one(org.distill4j.filtering.stage.Critic c, CorpusRecord r) {
    return c.assess(List.of(r)).get(0);
  }

  @Test
  void wordsSplitOnPunctuationAndKeepInnerApostrophes() {
    assertThat(Words.of("PersonX's dog, (barks) loudly!")).containsExactly("personx's", "dog",
        "barks", "loudly");
  }

  @Test
  void lengthBoundsCountWordsAndCharactersOfTheGeneratedPart() {
    LengthCritic c = new LengthCritic(2, 4, 1, 30);
    assertThat(one(c, triple("PersonX eats a very long breakfast", "xIntent", "to eat")).kept())
        .isTrue();
    Assessment tooShort = one(c, triple("PersonX eats", "xIntent", "hungry"));
    assertThat(tooShort.kept()).isFalse();
    assertThat(tooShort.reason()).contains("1 words, outside 2..4");
    assertThat(one(c, triple("PersonX eats", "xIntent", "to eat a lot of food")).kept()).isFalse();
    assertThat(one(new LengthCritic(1, 10, 1, 10), triple("PersonX eats", "xIntent",
        "to eat breakfast")).reason()).contains("characters");
  }

  @Test
  void blocklistMatchesWholeWordsAndPhrases() {
    BlocklistCritic c = new BlocklistCritic(List.of("ass", "As an AI"));
    assertThat(one(c, triple("PersonX goes", "xAttr", "first class")).kept()).isTrue();
    assertThat(one(c, triple("PersonX goes", "xAttr", "an ass")).reason())
        .isEqualTo("contains blocked \"ass\"");
    assertThat(one(c, triple("PersonX goes", "xWant", "as an AI, I cannot")).kept()).isFalse();
  }

  @Test
  void copyOfTheInputIsRejectedAndDifferentOutputKept() {
    CopyCritic c = new CopyCritic(0.8);
    Assessment copy = one(c, triple("PersonX goes to the store", "xEffect",
        "PersonX goes to the store"));
    assertThat(copy.kept()).isFalse();
    assertThat(copy.reason()).contains("repeats the input (1.00");
    assertThat(one(c, triple("PersonX goes to the store", "xEffect", "buys milk")).kept())
        .isTrue();
    assertThat(CopyCritic.overlap("PersonX is kind to others", "to be kind")).isEqualTo(1.0);
    assertThat(CopyCritic.overlap("PersonX is kind to others", "to be liked")).isEqualTo(0.0);
  }

  @Test
  void xAttrTailsMustBeShortAttributes() {
    KindCritic c = new KindCritic(3);
    assertThat(c.check(new org.distill4j.core.knowledge.CommonsenseTriple("PersonX helps",
        "xAttr", "generous")).kept()).isTrue();
    assertThat(c.check(new org.distill4j.core.knowledge.CommonsenseTriple("PersonX helps",
        "xAttr", "to help others")).reason()).contains("intent");
    assertThat(c.check(new org.distill4j.core.knowledge.CommonsenseTriple("PersonX helps",
        "xAttr", "someone who always helps people")).reason()).contains("5 words");
    assertThat(c.check(new org.distill4j.core.knowledge.CommonsenseTriple("PersonX helps",
        "xAttr", "PersonY")).kept()).isFalse();
    // The same long tail is fine for a relation that is not an attribute.
    assertThat(c.check(new org.distill4j.core.knowledge.CommonsenseTriple("PersonX helps",
        "xWant", "to help other people again")).kept()).isTrue();
  }

  @Test
  void comparativeMustNameBothEntitiesAndTheAdjective() {
    KindCritic c = new KindCritic(3);
    assertThat(c.check(new Comparative("steel", "heavier", "styrofoam", null,
        "Steel is heavier than styrofoam.")).kept()).isTrue();
    assertThat(c.check(new Comparative("steel", "heavier", "styrofoam", null,
        "Steel is heavier than wood.")).reason()).contains("object \"styrofoam\"");
    assertThat(c.check(new Comparative("steel", "heavier", "styrofoam", null,
        "Steel weighs more than styrofoam.")).reason()).contains("adjective");
  }

  @Test
  void rationaleAnswerMustBeAChoiceAndQaMustNotEcho() {
    KindCritic c = new KindCritic(3);
    List<String> choices = List.of("park", "train station", "bank");
    assertThat(c.check(new Rationale("Where?", choices, List.of("s"), "(b)")).kept()).isTrue();
    assertThat(c.check(new Rationale("Where?", choices, List.of("s"), "Train station")).kept())
        .isTrue();
    assertThat(c.check(new Rationale("Where?", choices, List.of("s"), "the moon")).kept())
        .isFalse();
    assertThat(c.check(new QaPair("What is it?", "what is it", null)).kept()).isFalse();
  }

  @Test
  void schemaChecksKindRelationAndProvenance() {
    SchemaCritic c = new SchemaCritic(Set.of("triple"), Set.of("xIntent"), List.of("teacherModel"));
    assertThat(one(c, triple("PersonX eats", "xIntent", "to eat")).kept()).isTrue();
    assertThat(one(c, triple("PersonX eats", "xNeed", "food")).reason()).contains("relation");
    CorpusRecord noTeacher = CorpusRecord.of(
        new org.distill4j.core.knowledge.CommonsenseTriple("PersonX eats", "xIntent", "to eat"),
        Provenance.unknown());
    assertThat(one(c, noTeacher).reason()).isEqualTo("provenance field \"teacherModel\" is missing");
    assertThatThrownBy(() -> new SchemaCritic(null, null, List.of("teacher")))
        .hasMessageContaining("unknown provenance field");
  }
}
