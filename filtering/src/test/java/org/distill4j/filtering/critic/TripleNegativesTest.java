package org.distill4j.filtering.critic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.distill4j.filtering.critic.TripleNegatives.Kind;
import org.distill4j.filtering.critic.TripleNegatives.Negative;
import org.distill4j.filtering.critic.TripleNegatives.Triple;
import org.junit.jupiter.api.Test;

class TripleNegativesTest {
  private static final List<Triple> TRUE = List.of(
      new Triple("dog", "CapableOf", "bark"), new Triple("cat", "CapableOf", "purr"),
      new Triple("bird", "CapableOf", "fly"), new Triple("dog", "IsA", "animal"),
      new Triple("hammer", "IsA", "tool"), new Triple("dog", "CapableOf", "fly"));

  @Test
  void everyKindSwapsOnlyItsPartAndNeverRecreatesATrueTriple() {
    List<Negative> neg = TripleNegatives.sample(TRUE, List.of(Kind.TAIL, Kind.HEAD,
        Kind.RELATION), 2, 7);
    Set<Triple> truths = new HashSet<>(TRUE);
    assertThat(neg).isNotEmpty().noneMatch(n -> truths.contains(n.triple()));
    assertThat(neg.stream().map(Negative::triple).distinct().count()).isEqualTo(neg.size());
    for (Negative n : neg) {
      Triple t = n.triple();
      Triple f = n.from();
      switch (n.kind()) {
        case TAIL -> {
          assertThat(t.head()).isEqualTo(f.head());
          assertThat(t.relation()).isEqualTo(f.relation());
          // Another tail of the same relation.
          assertThat(TRUE).anyMatch(p -> p.relation().equals(t.relation())
              && p.tail().equals(t.tail()));
        }
        case HEAD -> {
          assertThat(t.tail()).isEqualTo(f.tail());
          assertThat(TRUE).anyMatch(p -> p.relation().equals(t.relation())
              && p.head().equals(t.head()));
        }
        case RELATION -> {
          assertThat(t.head()).isEqualTo(f.head());
          assertThat(t.tail()).isEqualTo(f.tail());
          assertThat(t.relation()).isNotEqualTo(f.relation());
        }
        default -> throw new AssertionError(n);
      }
    }
    assertThat(neg).extracting(Negative::kind).contains(Kind.TAIL, Kind.HEAD, Kind.RELATION);
  }

  @Test
  void sameSeedSameNegatives() {
    assertThat(TripleNegatives.sample(TRUE, List.of(Kind.TAIL), 1, 3))
        .isEqualTo(TripleNegatives.sample(TRUE, List.of(Kind.TAIL), 1, 3));
  }

  @Test
  void aRelationWithOneTailGetsNoFakeTailSwap() {
    List<Negative> neg = TripleNegatives.sample(List.of(new Triple("a", "R", "x"),
        new Triple("b", "R", "x")), List.of(Kind.TAIL), 3, 1);
    assertThat(neg).isEmpty();
    assertThatThrownBy(() -> Kind.parse("middle")).hasMessageContaining("tail, head or relation");
  }
}
