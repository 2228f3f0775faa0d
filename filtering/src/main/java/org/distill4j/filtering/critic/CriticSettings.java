package org.distill4j.filtering.critic;

/**
 * How the classifier critic's network is shaped and trained. The defaults train a few thousand
 * examples in seconds on two CPU cores.
 *
 * @param hidden units of the hidden layer
 * @param epochs passes over the training set
 * @param batchSize examples per step
 * @param learningRate Adam's step size
 * @param weightDecay L2 penalty on the weights, against overfitting small labelled sets
 * @param seed seeds the engine so two trainings on the same data give the same model
 */
public record CriticSettings(int hidden, int epochs, int batchSize, float learningRate,
    float weightDecay, long seed) {
  public CriticSettings {
    if (hidden < 1 || epochs < 1 || batchSize < 1 || !(learningRate > 0) || weightDecay < 0) {
      throw new IllegalArgumentException("critic settings must be positive, found hidden=" + hidden
          + " epochs=" + epochs + " batchSize=" + batchSize + " learningRate=" + learningRate
          + " weightDecay=" + weightDecay);
    }
  }

  /**
   * 32 hidden units, 10 epochs of batches of 32, Adam at 1e-3, weight decay 1e-2, seed 7: the
   * setting that beat the teacher-likelihood baseline in grouped cross-validation on human
   * acceptability labels (EVALUATION.md); a larger, less regularised network overfits the 384
   * embedding inputs and drowns the side features.
   */
  public static CriticSettings defaults() {
    return new CriticSettings(32, 10, 32, 1e-3f, 1e-2f, 7);
  }
}
