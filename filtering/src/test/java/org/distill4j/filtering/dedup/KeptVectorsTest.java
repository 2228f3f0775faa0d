package org.distill4j.filtering.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.distill4j.filtering.stage.Assessment;
import org.junit.jupiter.api.Test;

/** The greedy rule over given vectors: a record goes only against an earlier kept record. */
class KeptVectorsTest {

  /** A content id (32 hex digits) ending in {@code c}. */
  private static String id(char c) {
    return "0000000000000000000000000000000" + c;
  }

  private static float[] at(double degrees, double length) {
    double r = Math.toRadians(degrees);
    return new float[] {(float) (length * Math.cos(r)), (float) (length * Math.sin(r))};
  }

  @Test
  void aDroppedRecordIsNoAnchorForLaterOnes() {
    KeptVectors kept = new KeptVectors(0.8);
    Assessment a = kept.offer(id('a'), at(0, 3));
    // 30 degrees from a: cosine 0.866, a duplicate of a, whatever the vector's length.
    Assessment b = kept.offer(id('b'), at(30, 0.5));
    // 60 degrees from a, 30 from b: b was dropped, so only a counts (cosine 0.5).
    Assessment c = kept.offer(id('c'), at(60, 1));
    Assessment d = kept.offer(id('d'), at(55, 2));

    assertThat(a.kept()).isTrue();
    assertThat(a.scores().get("")).isZero();
    assertThat(b.kept()).isFalse();
    assertThat(b.reason()).isEqualTo("semantic duplicate of " + id('a') + " (cosine 0.866)");
    assertThat(c.kept()).isTrue();
    assertThat(c.scores().get("")).isCloseTo(0.5, within(1e-6));
    assertThat(d.reason()).startsWith("semantic duplicate of " + id('c') + " (cosine 0.99");
    assertThat(kept.kept()).isEqualTo(2);
  }

  @Test
  void refusesVectorsOfAnotherLengthAndABadThreshold() {
    KeptVectors kept = new KeptVectors(0.9);
    kept.offer(id('a'), new float[] {1, 0, 0});
    assertThatThrownBy(() -> kept.offer(id('b'), new float[] {1, 0}))
        .hasMessageContaining("2 dimensions after vectors of 3");
    assertThatThrownBy(() -> new KeptVectors(0)).hasMessageContaining("(0, 1]");
  }
}
