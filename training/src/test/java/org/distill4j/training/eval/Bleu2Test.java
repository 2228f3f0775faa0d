package org.distill4j.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Bleu2Test {
  @Test
  void identicalIsOneAndDisjointIsZero() {
    assertThat(Bleu2.score("to buy some food", List.of("to buy some food"))).isEqualTo(1.0);
    assertThat(Bleu2.score("green apples", List.of("to buy food"))).isZero();
  }

  @Test
  void matchesAHandComputedValue() {
    // candidate "to buy food" (3 words), reference "to buy some food" (4 words):
    // p1 = 3/3; bigrams "to buy", "buy food" -> 1 match, smoothed p2 = (1+1)/(2+1);
    // brevity penalty exp(1 - 4/3).
    double expected = Math.exp(1 - 4.0 / 3) * Math.sqrt(1.0 * 2.0 / 3);
    assertThat(Bleu2.score("to buy food", List.of("to buy some food")))
        .isCloseTo(expected, within(1e-12));
  }

  @Test
  void clipsRepeatsAndUsesTheBestReference() {
    // "to to to": unigram "to" clipped at 1 -> p1 = 1/3.
    double clipped = Bleu2.score("to to to", List.of("to eat"));
    assertThat(clipped).isLessThan(Bleu2.score("to eat", List.of("to eat")));
    assertThat(Bleu2.score("to eat", List.of("to sleep", "to eat"))).isEqualTo(1.0);
  }

  @Test
  void exactMatchGroupsReferencesByInput() {
    Map<String, List<String>> refs = new java.util.LinkedHashMap<>();
    refs.put("a xIntent", List.of("to rest", "to sleep"));
    refs.put("b xIntent", List.of("to eat"));
    GenerationScores s = GenerationScores.score(refs, List.of("To sleep.", "to drink"));
    assertThat(s.items()).isEqualTo(2);
    assertThat(s.exactMatch()).isEqualTo(0.5);
    assertThat(s.bleu2()).isBetween(0.5, 1.0);
  }
}
