package org.distill4j.filtering.critic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {
  private static final boolean[] LABELS = {true, false, true, false, true, false, true, false};
  private static final int[] FOLDS = {0, 0, 1, 1, 0, 0, 1, 1};

  @Test
  void perfectFixedScoresGiveApOneOnEveryFold() {
    double[] scores = {0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.6, 0.4};
    CrossValidation.Result r = CrossValidation.run("fixed", FoldRanking.fixed(scores), LABELS,
        FOLDS, 2, null);
    assertThat(r.items()).isEqualTo(8);
    assertThat(r.prevalence()).isEqualTo(0.5);
    assertThat(r.averagePrecision()).isEqualTo(1.0);
    assertThat(r.foldApMean()).isEqualTo(1.0);
    assertThat(r.foldApSd()).isZero();
    assertThat(r.precisionAt50()).isEqualTo(1.0);
    assertThat(r.accuracyAtHalf()).isEqualTo(1.0);
    assertThat(r.heldOut()).isNull();
  }

  @Test
  void everyFoldTrainsOnlyOnTheOtherFolds() {
    List<List<String>> seen = new ArrayList<>();
    List<CriticExample> examples = new ArrayList<>();
    for (int i = 0; i < LABELS.length; i++) {
      examples.add(new CriticExample("item" + i, new double[] {i}, LABELS[i]));
    }
    CriticTrainer recording = train -> {
      seen.add(train.stream().map(CriticExample::text).toList());
      // Scores by the side feature: even indexes are the accepted ones here.
      return ex -> ex.stream().mapToDouble(e -> e.side()[0] % 2 == 0 ? 1 : 0).toArray();
    };
    CrossValidation.Result r = CrossValidation.run("critic",
        FoldRanking.ofCritic(recording, examples), LABELS, FOLDS, 2, 0.9);
    assertThat(seen).containsExactly(List.of("item2", "item3", "item6", "item7"),
        List.of("item0", "item1", "item4", "item5"));
    assertThat(r.thresholds()).containsExactly(1.0, 1.0);
    assertThat(r.heldOut().precision()).isEqualTo(1.0);
    assertThat(r.heldOut().recall()).isEqualTo(1.0);
    assertThat(r.heldOut().retention()).isEqualTo(0.5);
  }

  @Test
  void baseRateScoresByTheKeysAcceptedShareInTraining() {
    // Relation r1 is accepted 3 times of 4 in training, r2 once of 4.
    List<String> rel = List.of("r1", "r1", "r1", "r1", "r2", "r2", "r2", "r2", "r1", "r2");
    boolean[] labels = {true, true, true, false, true, false, false, false, true, false};
    int[] fold = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0};
    CrossValidation.Result r = CrossValidation.run("base rate",
        FoldRanking.baseRate(rel, labels), labels, fold, 1, null);
    assertThat(r.items()).isEqualTo(2); // only the held-out file is scored
    assertThat(r.averagePrecision()).isEqualTo(1.0);
    assertThat(r.accuracyAtHalf()).isEqualTo(1.0);
    FoldRanking.FoldScores s = FoldRanking.baseRate(rel, labels)
        .score(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, new int[] {8, 9});
    assertThat(s.test()[0]).isCloseTo(0.75, within(1e-9));
    assertThat(s.test()[1]).isCloseTo(0.25, within(1e-9));
  }
}
