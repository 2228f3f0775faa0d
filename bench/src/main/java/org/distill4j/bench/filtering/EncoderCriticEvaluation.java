package org.distill4j.bench.filtering;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.distill4j.filtering.critic.Calibration;
import org.distill4j.filtering.critic.GroupedFolds;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.tune.ClassificationTask;
import org.distill4j.neural.tune.EpochReport;
import org.distill4j.neural.tune.FineTuner;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneSettings;

/**
 * Grouped k-fold cross-validation of a fine-tuned BERT-family critic (a cross-encoder on
 * question + choices + answer, explanation) on the CommonsenseQA explanation acceptability
 * labels, on the same folds (seed 13) as {@link CriticEvaluation}. Each fold fine-tunes a fresh
 * copy of the encoder in {@code base} on the other folds, keeping 10 % of their questions as dev
 * for early stopping and for the precision-0.8 threshold, which is then applied to the held-out
 * fold. A second row stacks the critic's logit with the GPT-3 NLL by a two-feature logistic
 * regression fitted on the dev part.
 *
 * <p>Usage: {@code EncoderCriticEvaluation CSV BASE_FOLDER [folds] [epochs] [lr] [out.tsv]
 * [frozen-layers]}
 */
public final class EncoderCriticEvaluation {
  private EncoderCriticEvaluation() {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args[0]);
    Path base = Path.of(args[1]);
    int folds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    double lr = args.length > 4 ? Double.parseDouble(args[4]) : 5e-5;
    Path out = Path.of(args.length > 5 ? args[5] : "/tmp/encoder-critic-scores.tsv");
    int frozen = args.length > 6 ? Integer.parseInt(args[6]) : 0;
    List<CriticEvaluation.Item> items = CriticEvaluation.read(csv);
    List<String> groups = items.stream().map(CriticEvaluation.Item::question).toList();
    int[] fold = GroupedFolds.assign(groups, folds, 13);
    boolean[] labels = new boolean[items.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = items.get(i).accepted();
    }
    double[] critic = new double[items.size()];
    double[] stacked = new double[items.size()];
    List<double[]> heldOutAtThreshold = new ArrayList<>();
    TuneSettings settings = new TuneSettings(epochs, 16, 1, lr, 0.01, 0.1, 1.0, 1, 7);
    try (PrintStream log = new PrintStream(Files.newOutputStream(out), true)) {
      for (int f = 0; f < folds; f++) {
        runFold(f, items, groups, fold, base, settings, frozen, critic, stacked,
            heldOutAtThreshold, log);
        System.out.printf(Locale.ROOT, "fold %d done%n", f);
      }
    }
    CriticEvaluation.print("fine-tuned cross-encoder", critic, labels, fold, folds);
    CriticEvaluation.print("fine-tuned cross-encoder + NLL (stacked on dev)", stacked, labels,
        fold, folds);
    double kept = 0;
    double right = 0;
    for (double[] r : heldOutAtThreshold) {
      kept += r[0];
      right += r[1];
    }
    System.out.printf(Locale.ROOT, "threshold for precision 0.8 picked on each fold's dev part:"
        + " held-out precision %.3f, keeping %.1f %% of items%n", right / kept,
        100 * kept / items.size());
  }

  private static void runFold(int f, List<CriticEvaluation.Item> items, List<String> groups,
      int[] fold, Path base, TuneSettings settings, int frozen, double[] critic,
      double[] stacked, List<double[]> atThreshold, PrintStream log) throws IOException {
    List<Integer> train = new ArrayList<>();
    List<Integer> dev = new ArrayList<>();
    List<Integer> test = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (fold[i] == f) {
        test.add(i);
      } else if (Math.floorMod(groups.get(i).hashCode() * 31 + f, 10) == 0) {
        dev.add(i);
      } else {
        train.add(i);
      }
    }
    try (BertClassifier model = BertClassifier.create(base,
        BertHead.binary("rejected", "accepted"), null, 128, 7 + f)) {
      ClassificationTask task = new ClassificationTask(null, 64);
      long t0 = System.nanoTime();
      new FineTuner<>(model, task, settings, progress(f, t0)).freezingLowest(frozen)
          .run(examples(items, train), examples(items, dev), null);
      double[] devLogit = logits(model, items, dev);
      double[] testLogit = logits(model, items, test);
      double[] weights = logistic(devLogit, nll(items, dev), labels(items, dev));
      double[] devStacked = new double[dev.size()];
      for (int j = 0; j < dev.size(); j++) {
        devStacked[j] = weights[0] * devLogit[j] + weights[1] * -items.get(dev.get(j)).nll();
      }
      double threshold = new Calibration(devLogit, labels(items, dev)).forPrecision(0.8)
          .threshold();
      double kept = 0;
      double right = 0;
      for (int j = 0; j < test.size(); j++) {
        int i = test.get(j);
        critic[i] = testLogit[j];
        stacked[i] = weights[0] * testLogit[j] + weights[1] * -items.get(i).nll();
        if (testLogit[j] >= threshold) {
          kept++;
          right += items.get(i).accepted() ? 1 : 0;
        }
        log.printf(Locale.ROOT, "%d\t%d\t%.6f\t%.6f\t%b%n", i, f, critic[i], stacked[i],
            items.get(i).accepted());
      }
      atThreshold.add(new double[] {kept, right});
      System.out.printf(Locale.ROOT, "fold %d: %.0f s, stack weights %.3f·logit + %.3f·(−NLL),"
          + " threshold %.3f%n", f, (System.nanoTime() - t0) / 1e9, weights[0], weights[1],
          threshold);
    }
  }

  private static TuneListener progress(int f, long t0) {
    return new TuneListener() {
      @Override
      public void step(int step, int total, double loss) {
        if (step % 25 == 0) {
          System.out.printf(Locale.ROOT, "fold %d step %d/%d loss %.4f (%.0f s)%n", f, step,
              total, loss, (System.nanoTime() - t0) / 1e9);
        }
      }

      @Override
      public void epoch(EpochReport r, boolean best) {
        System.out.printf(Locale.ROOT, "fold %d epoch %d loss %.4f dev AP %.4f %s"
            + " (%.1f examples/s, %.0f tokens/s)%n", f, r.epoch(), r.loss(), r.devScore(),
            best ? "best" : "", r.examplesPerSecond(), r.tokensPerSecond());
      }
    };
  }

  private static List<LabelledText> examples(List<CriticEvaluation.Item> items,
      List<Integer> idx) {
    List<LabelledText> out = new ArrayList<>();
    for (int i : idx) {
      out.add(new LabelledText(pair(items.get(i)), items.get(i).accepted() ? 1 : 0));
    }
    return out;
  }

  static TextPair pair(CriticEvaluation.Item it) {
    return new TextPair(it.question() + " Choices: " + it.choices() + " Answer: " + it.gold(),
        it.explanation());
  }

  private static double[] logits(BertClassifier model, List<CriticEvaluation.Item> items,
      List<Integer> idx) {
    List<TextPair> texts = idx.stream().map(i -> pair(items.get(i))).toList();
    float[][] logits = model.logits(texts, 64);
    double[] out = new double[idx.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = logits[j][1] - logits[j][0];
    }
    return out;
  }

  private static double[] nll(List<CriticEvaluation.Item> items, List<Integer> idx) {
    return idx.stream().mapToDouble(i -> -items.get(i).nll()).toArray();
  }

  private static boolean[] labels(List<CriticEvaluation.Item> items, List<Integer> idx) {
    boolean[] out = new boolean[idx.size()];
    for (int j = 0; j < out.length; j++) {
      out[j] = items.get(idx.get(j)).accepted();
    }
    return out;
  }

  /** Two-feature logistic regression (with intercept) by gradient descent on standardised x. */
  static double[] logistic(double[] a, double[] b, boolean[] y) {
    double[] ma = moments(a);
    double[] mb = moments(b);
    double wa = 0;
    double wb = 0;
    double c = 0;
    for (int it = 0; it < 2000; it++) {
      double ga = 0;
      double gb = 0;
      double gc = 0;
      for (int i = 0; i < y.length; i++) {
        double xa = (a[i] - ma[0]) / ma[1];
        double xb = (b[i] - mb[0]) / mb[1];
        double p = 1 / (1 + Math.exp(-(wa * xa + wb * xb + c)));
        double e = p - (y[i] ? 1 : 0);
        ga += e * xa;
        gb += e * xb;
        gc += e;
      }
      wa -= 0.5 * ga / y.length;
      wb -= 0.5 * gb / y.length;
      c -= 0.5 * gc / y.length;
    }
    return new double[] {wa / ma[1], wb / mb[1]};
  }

  private static double[] moments(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean) / x.length;
    }
    return new double[] {mean, Math.sqrt(Math.max(var, 1e-12))};
  }
}
