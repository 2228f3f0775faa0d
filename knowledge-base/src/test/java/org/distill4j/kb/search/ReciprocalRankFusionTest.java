package org.distill4j.kb.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {
  @Test
  void anItemHighInBothListsBeatsOneTopInOnlyOne() {
    List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(
        List.of(List.of("a", "b", "c"), List.of("b", "d", "a")), 60);
    assertThat(fused).extracting(ReciprocalRankFusion.Fused::key)
        .containsExactly("b", "a", "d", "c");
    assertThat(fused.get(0).score()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
    assertThat(fused.get(3).score()).isCloseTo(1.0 / 63, within(1e-12));
  }

  @Test
  void tiesKeepTheOrderOfTheFirstRanking() {
    List<ReciprocalRankFusion.Fused> fused =
        ReciprocalRankFusion.fuse(List.of(List.of("x", "y"), List.of("y", "x")), 60);
    assertThat(fused).extracting(ReciprocalRankFusion.Fused::key).containsExactly("x", "y");
  }

  @Test
  void emptyRankingsFuseToNothing() {
    assertThat(ReciprocalRankFusion.fuse(List.of(List.of(), List.of()), 60)).isEmpty();
  }
}
