package org.distill4j.neural.tune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.TextPair;

/**
 * Classification of texts or text pairs: weighted softmax cross-entropy over the labels, or for a
 * one-output head (a reranker) the logistic loss of label 1 against 0. Dev score: average
 * precision of the positive class for two classes or one output, accuracy otherwise.
 */
public final class ClassificationTask implements TuneTask<BertClassifier, LabelledText> {
  private final double[] classWeights;
  private final int evalBatch;

  /**
   * @param classWeights one weight per class (index = label), or {@code null} for equal weights;
   *     the loss is the weighted mean, as PyTorch's {@code CrossEntropyLoss(weight=…)}
   * @param evalBatch rows per forward pass when scoring
   */
  public ClassificationTask(double[] classWeights, int evalBatch) {
    this.classWeights = classWeights == null ? null : classWeights.clone();
    this.evalBatch = evalBatch;
  }

  /** Weights {@code n / (classes · count)} per class, so rare classes count as much in total. */
  public static double[] balancedWeights(List<LabelledText> examples, int classes) {
    int[] counts = new int[classes];
    for (LabelledText example : examples) {
      counts[example.label()]++;
    }
    double[] weights = new double[classes];
    for (int c = 0; c < classes; c++) {
      weights[c] = counts[c] == 0 ? 0 : examples.size() / (double) (classes * counts[c]);
    }
    return weights;
  }

  @Override
  public NDArray loss(BertClassifier model, ParameterStore store, NDManager scope,
      List<LabelledText> batch) {
    List<TextPair> texts = new ArrayList<>(batch.size());
    float[] labels = new float[batch.size()];
    float[] weights = new float[batch.size()];
    int outputs = model.head().outputs();
    for (int i = 0; i < batch.size(); i++) {
      LabelledText example = batch.get(i);
      if (example.label() >= Math.max(2, outputs)) {
        throw new IllegalArgumentException("label " + example.label() + " but the head has "
            + outputs + " outputs");
      }
      texts.add(example.text());
      labels[i] = example.label();
      weights[i] = classWeights == null ? 1f : (float) classWeights[example.label()];
    }
    NDList inputs = model.inputs(scope, texts);
    NDArray logits = model.forward(store, inputs, true);
    NDArray y = scope.create(labels);
    NDArray w = scope.create(weights);
    NDArray perRow;
    if (outputs == 1) {
      NDArray z = logits.reshape(-1);
      // log(1 + e^-|z|) + max(z, 0) - z·y: the logistic loss, stable for large |z|.
      perRow = z.abs().neg().exp().add(1f).log().add(z.maximum(0f)).sub(z.mul(y));
    } else {
      NDArray oneHot = y.toType(ai.djl.ndarray.types.DataType.INT64, false).oneHot(outputs);
      perRow = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    }
    return perRow.mul(w).sum().div(w.sum().maximum(1e-12f));
  }

  @Override
  public double score(BertClassifier model, List<LabelledText> dev) {
    List<TextPair> texts = new ArrayList<>(dev.size());
    for (LabelledText example : dev) {
      texts.add(example.text());
    }
    float[][] logits = model.logits(texts, evalBatch);
    int outputs = model.head().outputs();
    if (outputs <= 2) {
      double[] scores = new double[dev.size()];
      boolean[] positive = new boolean[dev.size()];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = outputs == 1 ? logits[i][0] : logits[i][1] - logits[i][0];
        positive[i] = dev.get(i).label() == 1;
      }
      return Ranking.averagePrecision(scores, positive);
    }
    int right = 0;
    for (int i = 0; i < logits.length; i++) {
      right += argmax(logits[i]) == dev.get(i).label() ? 1 : 0;
    }
    return right / (double) Math.max(1, dev.size());
  }

  @Override
  public String scoreName() {
    return "AP (accuracy beyond two classes)";
  }

  @Override
  public int tokens(BertClassifier model, LabelledText example) {
    return model.lengths(List.of(example.text()))[0];
  }

  static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
