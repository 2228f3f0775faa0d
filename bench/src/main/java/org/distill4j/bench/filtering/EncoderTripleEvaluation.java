package org.distill4j.bench.filtering;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.bert.TextPair;
import org.distill4j.neural.tune.ClassificationTask;
import org.distill4j.neural.tune.EpochReport;
import org.distill4j.neural.tune.FineTuner;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.neural.tune.Ranking;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneSettings;

/**
 * ConceptNet triple classification (CKBC): a BERT-family triple critic fine-tuned on
 * {@code dev1} (10 % of it held out as dev for early stopping), scored on {@code dev2}, beside the
 * per-relation base rate learnt from {@code dev1}. Each triple is the pair (head, relation in
 * words + tail), e.g. ("dog", "capable of bark").
 *
 * <p>Usage: {@code EncoderTripleEvaluation CKBC_FOLDER BASE_FOLDER [epochs] [lr]}
 */
public final class EncoderTripleEvaluation {
  private EncoderTripleEvaluation() {}

  record Triple(String relation, String head, String tail, boolean valid) {}

  public static void main(String[] args) throws Exception {
    Path folder = Path.of(args[0]);
    Path base = Path.of(args[1]);
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    double lr = args.length > 3 ? Double.parseDouble(args[3]) : 5e-5;
    List<Triple> train = read(folder.resolve("dev1.txt"));
    List<Triple> test = read(folder.resolve("dev2.txt"));
    baseRate(train, test);
    List<LabelledText> fit = new ArrayList<>();
    List<LabelledText> dev = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      (i % 10 == 0 ? dev : fit).add(example(train.get(i)));
    }
    try (BertClassifier model = BertClassifier.create(base, BertHead.binary("implausible",
        "plausible"), null, 64, 7)) {
      long t0 = System.nanoTime();
      new FineTuner<>(model, new ClassificationTask(null, 64),
          new TuneSettings(epochs, 16, 1, lr, 0.01, 0.1, 1.0, 2, 7), new TuneListener() {
            @Override
            public void epoch(EpochReport r, boolean best) {
              System.out.printf(Locale.ROOT, "epoch %d loss %.4f dev AP %.4f %s%n", r.epoch(),
                  r.loss(), r.devScore(), best ? "best" : "");
            }
          }).run(fit, dev, null);
      List<TextPair> pairs = test.stream().map(t -> example(t).text()).toList();
      float[][] logits = model.logits(pairs, 64);
      double[] scores = new double[test.size()];
      boolean[] valid = new boolean[test.size()];
      int right = 0;
      for (int i = 0; i < scores.length; i++) {
        scores[i] = logits[i][1] - logits[i][0];
        valid[i] = test.get(i).valid();
        right += (scores[i] > 0) == valid[i] ? 1 : 0;
      }
      System.out.printf(Locale.ROOT, "fine-tuned triple critic on dev2: accuracy %.3f, AP %.3f"
          + " (%.0f s)%n", right / (double) test.size(), Ranking.averagePrecision(scores, valid),
          (System.nanoTime() - t0) / 1e9);
    }
  }

  private static void baseRate(List<Triple> train, List<Triple> test) {
    Map<String, int[]> counts = new HashMap<>();
    int positives = 0;
    for (Triple t : train) {
      int[] c = counts.computeIfAbsent(t.relation(), k -> new int[2]);
      c[0] += t.valid() ? 1 : 0;
      c[1]++;
      positives += t.valid() ? 1 : 0;
    }
    double overall = positives / (double) train.size();
    double[] scores = new double[test.size()];
    boolean[] valid = new boolean[test.size()];
    int right = 0;
    for (int i = 0; i < test.size(); i++) {
      int[] c = counts.get(test.get(i).relation());
      scores[i] = c == null ? overall : c[0] / (double) c[1];
      valid[i] = test.get(i).valid();
      right += (scores[i] >= 0.5) == valid[i] ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "per-relation base rate (from dev1) on dev2: accuracy %.3f,"
        + " AP %.3f; overall positive rate %.3f%n", right / (double) test.size(),
        Ranking.averagePrecision(scores, valid), overall);
  }

  static LabelledText example(Triple t) {
    return new LabelledText(new TextPair(t.head(), words(t.relation()) + " " + t.tail()),
        t.valid() ? 1 : 0);
  }

  /** "HasPrerequisite" → "has prerequisite". */
  static String words(String relation) {
    return relation.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  static List<Triple> read(Path file) throws IOException {
    List<Triple> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t");
      if (f.length == 4) {
        out.add(new Triple(f[0], f[2], f[1], f[3].strip().equals("1")));
      }
    }
    return out;
  }
}
