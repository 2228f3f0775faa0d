package org.distill4j.training.train;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.tune.ChoiceQuestion;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.neural.tune.Ranking;

/**
 * The encoder student's scores on labelled items, all from one pass of logits without dropout:
 * the mean cross-entropy (the dev loss of {@code metrics.jsonl}), accuracy, and for validity the
 * average precision of ranking by the kept-minus-rejected logit.
 *
 * @param loss mean cross-entropy, unweighted
 * @param accuracy share of right choices, or of right verdicts (kept when its logit is higher)
 * @param averagePrecision validity only (null for choice); NaN without a kept item
 * @param items items scored
 */
public record EncoderScores(double loss, double accuracy, Double averagePrecision, int items) {
  /** Rows per forward pass when scoring. */
  public static final int BATCH = 64;

  /** Scores multiple-choice questions. */
  public static EncoderScores choice(BertClassifier model, List<ChoiceQuestion> questions) {
    List<TextPair> rows = new ArrayList<>();
    for (ChoiceQuestion q : questions) {
      rows.addAll(q.choices());
    }
    float[][] logits = model.logits(rows, BATCH);
    double loss = 0;
    int right = 0;
    int row = 0;
    for (ChoiceQuestion q : questions) {
      double[] scores = new double[q.choices().size()];
      for (int c = 0; c < scores.length; c++) {
        scores[c] = logits[row + c][0];
      }
      row += scores.length;
      loss -= logSoftmax(scores, q.answer());
      right += argmax(scores) == q.answer() ? 1 : 0;
    }
    int n = Math.max(1, questions.size());
    return new EncoderScores(loss / n, right / (double) n, null, questions.size());
  }

  /** Scores validity items with a two-output (rejected, kept) head. */
  public static EncoderScores validity(BertClassifier model, List<LabelledText> items) {
    List<TextPair> rows = new ArrayList<>(items.size());
    for (LabelledText item : items) {
      rows.add(item.text());
    }
    float[][] logits = model.logits(rows, BATCH);
    double loss = 0;
    int right = 0;
    double[] margin = new double[items.size()];
    boolean[] kept = new boolean[items.size()];
    for (int i = 0; i < items.size(); i++) {
      double[] scores = {logits[i][0], logits[i][1]};
      int label = items.get(i).label();
      loss -= logSoftmax(scores, label);
      right += argmax(scores) == label ? 1 : 0;
      margin[i] = scores[1] - scores[0];
      kept[i] = label == 1;
    }
    int n = Math.max(1, items.size());
    return new EncoderScores(loss / n, right / (double) n,
        Ranking.averagePrecision(margin, kept), items.size());
  }

  /** log softmax(scores)[target], computed from the largest score so it cannot overflow. */
  static double logSoftmax(double[] scores, int target) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double sum = 0;
    for (double s : scores) {
      sum += Math.exp(s - max);
    }
    return scores[target] - max - Math.log(sum);
  }

  private static int argmax(double[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }
}
