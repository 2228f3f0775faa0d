package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.filtering.critic.ClassifierCritic;
import org.distill4j.filtering.critic.CriticSettings;
import org.distill4j.neural.HeadLayout;
import org.distill4j.neural.ScoringHead;
import org.distill4j.training.model.ScorerStudent;
import org.junit.jupiter.api.Test;

/**
 * The trained critic (filtering) and the scorer student (training) build their network from the
 * same class in the neural module, each with its own layout: the critic ReLU without dropout, the
 * scorer GELU with dropout. This pipeline module is the one that sees both.
 */
class SharedScoringHeadTest {
  private static final TextEmbedder UNUSED = texts -> {
    throw new AssertionError("nothing is embedded here");
  };

  @Test
  void criticAndScorerBuildTheSameNetworkClass() {
    float[][] x = {{1, 0}, {0, 1}, {1, 1}, {0, 0}};
    double[][] side = {{}, {}, {}, {}};
    boolean[] labels = {true, false, true, false};
    try (ClassifierCritic critic = ClassifierCritic.trainOnFeatures(x, side, labels, List.of(),
        new CriticSettings(4, 1, 2, 1e-2f, 0, 1), UNUSED);
        ScorerStudent scorer = ScorerStudent.create(UNUSED, 2, 4, 0.1f, Device.cpu())) {
      ScoringHead a = critic.network();
      ScoringHead b = scorer.network();
      assertThat(a.getClass()).isSameAs(ScoringHead.class).isSameAs(b.getClass());
      assertThat(a.layout()).isEqualTo(HeadLayout.plain(4, HeadLayout.Activation.RELU));
      assertThat(b.layout())
          .isEqualTo(HeadLayout.withDropout(4, HeadLayout.Activation.GELU, 0.1f));
      assertThat(kinds(a)).containsExactly(Linear.class, LambdaBlock.class, Linear.class);
      assertThat(kinds(b))
          .containsExactly(Linear.class, LambdaBlock.class, Dropout.class, Linear.class);
    }
  }

  private static List<Class<?>> kinds(ScoringHead head) {
    List<Class<?>> out = new ArrayList<>();
    for (Block child : head.model().getBlock().getChildren().values()) {
      out.add(child.getClass());
    }
    return out;
  }
}
