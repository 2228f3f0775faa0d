package org.distill4j.neural.tune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.TextPair;

/**
 * Multiple choice as transformers' {@code BertForMultipleChoice} trains it: one logit per
 * (question, choice) row, softmax cross-entropy over each question's choices. Questions may have
 * different numbers of choices; the missing ones are masked out. Dev score: accuracy.
 */
public final class ChoiceTask implements TuneTask<BertClassifier, ChoiceQuestion> {
  private static final float MASKED = -1e9f;
  private final int evalBatch;

  /** @param evalBatch rows (choices) per forward pass when scoring */
  public ChoiceTask(int evalBatch) {
    this.evalBatch = evalBatch;
  }

  @Override
  public NDArray loss(BertClassifier model, ParameterStore store, NDManager scope,
      List<ChoiceQuestion> batch) {
    List<TextPair> rows = new ArrayList<>();
    int width = 0;
    for (ChoiceQuestion question : batch) {
      rows.addAll(question.choices());
      width = Math.max(width, question.choices().size());
    }
    long[] index = new long[batch.size() * width];
    float[] mask = new float[index.length];
    long[] answers = new long[batch.size()];
    int row = 0;
    for (int q = 0; q < batch.size(); q++) {
      ChoiceQuestion question = batch.get(q);
      answers[q] = question.answer();
      for (int c = 0; c < width; c++) {
        boolean present = c < question.choices().size();
        index[q * width + c] = present ? row + c : 0;
        mask[q * width + c] = present ? 0f : MASKED;
      }
      row += question.choices().size();
    }
    NDList inputs = model.inputs(scope, rows);
    NDArray flat = model.forward(store, inputs, true).reshape(-1);
    Shape grid = new Shape(batch.size(), width);
    NDArray logits = flat.take(scope.create(index, grid)).reshape(grid)
        .add(scope.create(mask, grid));
    NDArray oneHot = scope.create(answers).toType(DataType.INT64, false).oneHot(width);
    return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
  }

  @Override
  public double score(BertClassifier model, List<ChoiceQuestion> dev) {
    int right = 0;
    for (int[] pick : predict(model, dev, evalBatch)) {
      right += pick[0] == pick[1] ? 1 : 0;
    }
    return right / (double) Math.max(1, dev.size());
  }

  /** Each question's {predicted, answer} choice index. */
  public static List<int[]> predict(BertClassifier model, List<ChoiceQuestion> questions,
      int batch) {
    List<TextPair> rows = new ArrayList<>();
    for (ChoiceQuestion question : questions) {
      rows.addAll(question.choices());
    }
    float[][] logits = model.logits(rows, batch);
    List<int[]> out = new ArrayList<>(questions.size());
    int row = 0;
    for (ChoiceQuestion question : questions) {
      float[] scores = new float[question.choices().size()];
      for (int c = 0; c < scores.length; c++) {
        scores[c] = logits[row + c][0];
      }
      row += scores.length;
      out.add(new int[] {ClassificationTask.argmax(scores), question.answer()});
    }
    return out;
  }

  @Override
  public String scoreName() {
    return "accuracy";
  }

  @Override
  public int tokens(BertClassifier model, ChoiceQuestion example) {
    int sum = 0;
    for (int length : model.lengths(example.choices())) {
      sum += length;
    }
    return sum;
  }
}
