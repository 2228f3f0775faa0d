package org.distill4j.filtering.critic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-epoch loss and dev AP, and early stopping, on texts whose word decides the label. */
class TrainingProgressTest {

  private static List<CriticExample> examples(int n, int offset) {
    List<CriticExample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean good = i % 2 == 0;
      out.add(new CriticExample((good ? "good " : "bad ") + (i + offset), new double[0], good));
    }
    return out;
  }

  @Test
  void reportsEveryEpochAndDevApReachesOne() {
    List<double[]> log = new ArrayList<>();
    CriticSettings s = new CriticSettings(8, 6, 16, 0.01f, 0, 3);
    try (ClassifierCritic c = ClassifierCritic.train(examples(120, 0), examples(40, 1000),
        List.of(), s, new ClassifierCriticTest.WordEmbedder(), 0,
        (epoch, loss, ap) -> log.add(new double[] {epoch, loss, ap}))) {
      assertThat(c.info().trainedOn()).isEqualTo(120);
    }
    assertThat(log).hasSize(6);
    assertThat(log.get(0)[0]).isEqualTo(1);
    assertThat(log.get(5)[1]).isLessThan(log.get(0)[1]); // the loss falls
    assertThat(log.get(5)[2]).isEqualTo(1.0); // the word separates the dev set
  }

  @Test
  void stopsAfterPatienceEpochsWithoutABetterDevAp() {
    List<Integer> epochs = new ArrayList<>();
    CriticSettings s = new CriticSettings(8, 50, 16, 0.01f, 0, 3);
    // Dev AP is 1 from (almost) the start and cannot improve, so training stops early.
    try (ClassifierCritic c = ClassifierCritic.train(examples(120, 0), examples(40, 1000),
        List.of(), s, new ClassifierCriticTest.WordEmbedder(), 2,
        (epoch, loss, ap) -> epochs.add(epoch))) {
      double[] p = c.score(examples(4, 5000));
      assertThat(p[0]).isGreaterThan(p[1]);
    }
    assertThat(epochs.size()).isLessThan(50);
  }

  @Test
  void withoutADevSetApIsNaNAndEveryEpochRuns() {
    List<Double> aps = new ArrayList<>();
    CriticSettings s = new CriticSettings(8, 3, 16, 0.01f, 0, 3);
    try (ClassifierCritic c = ClassifierCritic.train(examples(40, 0), List.of(), List.of(), s,
        new ClassifierCriticTest.WordEmbedder(), 1, (epoch, loss, ap) -> aps.add(ap))) {
      assertThat(c.info().trainedOn()).isEqualTo(40);
    }
    assertThat(aps).hasSize(3).allMatch(a -> a.isNaN());
  }
}
