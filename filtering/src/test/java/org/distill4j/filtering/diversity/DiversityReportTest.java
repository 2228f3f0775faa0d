package org.distill4j.filtering.diversity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.distill4j.filtering.Fixtures.triple;

import java.util.List;
import org.junit.jupiter.api.Test;

class DiversityReportTest {
  @Test
  void distinctNAndUniqueRatioPerRelation() {
    DiversityReport r = DiversityReport.of(List.of(
        triple("PersonX eats", "xIntent", "to be full"),
        triple("PersonX sleeps", "xIntent", "to be rested"),
        triple("PersonX runs", "xIntent", "to be full"),
        triple("PersonX runs", "xAttr", "fast")).iterator());
    DiversityReport.Slice x = r.byRelation().get("xIntent");
    assertThat(x.items()).isEqualTo(3);
    assertThat(x.uniqueRatio()).isCloseTo(2 / 3.0, within(1e-9));
    // unigrams: to be full / to be rested / to be full = 9 tokens, 4 distinct
    assertThat(x.distinct1()).isCloseTo(4 / 9.0, within(1e-9));
    // bigrams: (to be)(be full) x2, (to be)(be rested) = 6, 3 distinct
    assertThat(x.distinct2()).isCloseTo(3 / 6.0, within(1e-9));
    assertThat(r.overall().items()).isEqualTo(4);
    assertThat(r.byRelation().get("xAttr").distinct2()).isZero();
  }
}
