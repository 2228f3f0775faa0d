package org.distill4j.filtering.critic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {
  // Ranked: + + - + - -  (scores 0.9 .. 0.4)
  private final Calibration c = new Calibration(new double[] {0.4, 0.9, 0.6, 0.8, 0.7, 0.5},
      new boolean[] {false, true, true, true, false, false});

  @Test
  void averagePrecisionByHand() {
    // precision at each positive: 1/1, 2/2, 3/4
    assertThat(c.averagePrecision()).isCloseTo((1 + 1 + 0.75) / 3, within(1e-12));
    assertThat(c.prevalence()).isEqualTo(0.5);
  }

  @Test
  void tiesAreNotFlattering() {
    Calibration tied = new Calibration(new double[] {1, 1}, new boolean[] {true, false});
    assertThat(tied.averagePrecision()).isEqualTo(0.5);
  }

  @Test
  void precisionAtRetention() {
    assertThat(c.precisionAtRetention(0.5)).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(c.precisionAtRetention(0.3)).isEqualTo(1.0);
  }

  @Test
  void thresholdsForTargetPrecisionAndRecall() {
    Calibration.Cutoff p = c.forPrecision(0.75);
    assertThat(p.threshold()).isEqualTo(0.6); // keeps 4, 3 right
    assertThat(p.recall()).isEqualTo(1.0);
    Calibration.Cutoff r = c.forRecall(0.6);
    assertThat(r.threshold()).isEqualTo(0.8); // the fewest kept with recall >= 0.6
    assertThat(r.precision()).isEqualTo(1.0);
    assertThat(c.forPrecision(1.01)).isNull();
  }

  @Test
  void mostPreciseIsTheBestAnUnreachableTargetCanGet() {
    // Ties at the top: the best precision is 2/3, reached keeping the top three.
    Calibration tied = new Calibration(new double[] {0.9, 0.9, 0.9, 0.5, 0.4},
        new boolean[] {true, true, false, false, true});
    assertThat(tied.forPrecision(0.9)).isNull();
    Calibration.Cutoff best = tied.mostPrecise();
    assertThat(best.precision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(best.threshold()).isEqualTo(0.9);
    assertThat(best.retention()).isEqualTo(0.6);
    assertThat(c.mostPrecise().threshold()).isEqualTo(0.8); // 1.0, keeping the most
  }
}
