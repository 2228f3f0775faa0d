package org.distill4j.neural.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankingTest {
  @Test
  void averagePrecisionIsTheMeanPrecisionAtEachPositive() {
    // Ranked: 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.1 (neg): (1/1 + 2/3) / 2.
    double ap = Ranking.averagePrecision(new double[] {0.1, 0.9, 0.7, 0.8},
        new boolean[] {false, true, true, false});
    assertThat(ap).isCloseTo((1 + 2 / 3.0) / 2, within(1e-12));
  }

  @Test
  void tiedItemsEnterTogetherSoTheDatasOrderDoesNotCount() {
    double ap = Ranking.averagePrecision(new double[] {0.5, 0.5, 0.5, 0.5},
        new boolean[] {true, true, false, false});
    assertThat(ap).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void aNanScoreMakesTheRankingNanInsteadOfTheDatasOwnOrder() {
    double ap = Ranking.averagePrecision(new double[] {Double.NaN, Double.NaN},
        new boolean[] {true, false});
    assertThat(ap).isNaN();
  }
}
