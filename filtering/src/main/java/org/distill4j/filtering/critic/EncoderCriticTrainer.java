package org.distill4j.filtering.critic;

import java.util.List;
import org.distill4j.neural.tune.TuneListener;

/**
 * Cross-validation's per-fold model as a fine-tuned encoder: each fold starts again from the
 * pretrained base and trains for the settings' epochs (no dev split inside a fold).
 */
public record EncoderCriticTrainer(EncoderSettings settings, TuneListener listener)
    implements CriticTrainer {
  @Override
  public TrainedCritic train(List<CriticExample> examples) {
    EncoderCritic critic = EncoderCritic.train(settings, examples, List.of(), listener);
    return new TrainedCritic() {
      @Override
      public double[] score(List<CriticExample> items) {
        float[] p = critic.score(items.stream().map(CriticExample::text).toList(),
            new double[0][]);
        double[] out = new double[p.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = p[i];
        }
        return out;
      }

      @Override
      public void close() {
        critic.close();
      }
    };
  }
}
