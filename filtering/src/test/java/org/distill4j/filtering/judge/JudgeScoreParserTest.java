package org.distill4j.filtering.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A golden set of messy judge replies and the 1-5 score each must give (null: no score). */
class JudgeScoreParserTest {
  private final JudgeScoreParser parser = new JudgeScoreParser(1, 5);

  static Stream<Arguments> golden() {
    return Stream.of(
        Arguments.of("Score: 4", 4.0),
        Arguments.of("Score: 4/5", 4.0),
        Arguments.of("**Score:** 5", 5.0),
        Arguments.of("The tail is generic but true.\nScore: 3", 3.0),
        Arguments.of("4", 4.0),
        Arguments.of("4.", 4.0),
        Arguments.of("  2  ", 2.0),
        Arguments.of("I'd give it a 4 out of 5.", 4.0),
        Arguments.of("Rating: four", 4.0),
        Arguments.of("On a scale of 0 to 3, I rate this 3.", 5.0),
        Arguments.of("On a scale of 1 to 10 I would rate this a 10", 5.0),
        Arguments.of("8/10", 1 + 7 * 4 / 9.0),
        Arguments.of("Initially I thought Score: 2, but on reflection the final score is 4", 4.0),
        Arguments.of("Score: 3.5", 3.5),
        Arguments.of("7.5", null),
        Arguments.of("Score: 9", null),
        Arguments.of("Score: 0", null),
        Arguments.of("The statement is plausible and fluent.", null),
        Arguments.of("", null),
        Arguments.of("I cannot rate this item.", null));
  }

  @ParameterizedTest
  @MethodSource("golden")
  void readsTheScoreOrRefuses(String reply, Double expected) {
    JudgeScore s = parser.parse(reply);
    if (expected == null) {
      assertThat(s.found()).as(reply + " -> " + s).isFalse();
      assertThat(s.how()).isNotBlank();
    } else {
      assertThat(s.score()).as(reply + " -> " + s.how()).isCloseTo(expected,
          org.assertj.core.api.Assertions.within(1e-9));
    }
  }
}
