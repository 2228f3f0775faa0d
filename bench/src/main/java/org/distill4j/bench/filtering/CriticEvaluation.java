package org.distill4j.bench.filtering;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.core.seed.Seed;
import org.distill4j.core.seed.SeedReader;
import org.distill4j.filtering.critic.Calibration;
import org.distill4j.filtering.critic.ClassifierCritic;
import org.distill4j.filtering.critic.CriticSettings;
import org.distill4j.filtering.critic.GroupedFolds;
import org.distill4j.filtering.rules.Words;
import org.distill4j.neural.MiniLm;

/**
 * Cross-validates the classifier critic on the CommonsenseQA explanation acceptability
 * annotations (Wiegreffe et al.): each of 991 questions has 5 GPT-3 explanations judged by 3
 * crowdworkers; an explanation is accepted when at least 2 accept it. Folds are grouped by
 * question. Prints average precision and precision at 30/50/70 % retention for the GPT-3 NLL
 * baseline (lower NLL ranks higher) and for critics with growing feature sets.
 *
 * <p>Usage: {@code CriticEvaluation CSV [folds] [embedding-cache-file]}
 */
public final class CriticEvaluation {
  private CriticEvaluation() {}

  record Item(String question, String choices, String gold, String explanation, double nll,
      boolean accepted) {}

  public static void main(String[] args) throws Exception {
    Path csv = Path.of(args.length > 0 ? args[0]
        : "../shared/data/few_shot_explanations/acceptability_annotations/commonsenseqa_train.csv");
    int folds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path cache = args.length > 2 ? Path.of(args[2]) : null;
    List<Item> items = read(csv);
    List<String> groups = items.stream().map(Item::question).toList();
    boolean[] labels = new boolean[items.size()];
    int pos = 0;
    for (int i = 0; i < labels.length; i++) {
      labels[i] = items.get(i).accepted();
      pos += labels[i] ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "items %d, questions %d, accepted %.1f %%%n", items.size(),
        items.size() / 5, 100.0 * pos / items.size());

    double[] nllScore = items.stream().mapToDouble(it -> -it.nll()).toArray();
    int[] fold = GroupedFolds.assign(groups, folds, 13);
    print("baseline: GPT-3 NLL (lower is better)", nllScore, labels, fold, folds);

    TextEmbedder embedder = MiniLm.embedder();
    long t0 = System.nanoTime();
    float[][] emb = embeddings(cache, embedder, items.stream().map(CriticEvaluation::text).toList());
    System.out.printf(Locale.ROOT, "embedded %d texts in %.1f s%n", emb.length,
        (System.nanoTime() - t0) / 1e9);

    CriticSettings settings = new CriticSettings(64, 30, 32, 1e-3f, 1e-4f, 7);
    CriticSettings regularised = CriticSettings.defaults(); // h32, 10 epochs, wd 1e-2
    evaluate("critic: embedding only", emb, side(items, 0, null), List.of(), labels, fold, folds,
        settings, embedder);
    evaluate("critic: embedding + NLL", emb, side(items, 1, null), List.of("nll"), labels, fold,
        folds, settings, embedder);
    evaluate("critic: embedding + NLL + answer/length features", emb, side(items, 2, null),
        List.of("nll", "words", "mentionsGold", "mentionsOther"), labels, fold, folds, settings,
        embedder);
    evaluate("critic: same, regularised (h32, 10 epochs, wd 1e-2)", emb, side(items, 2, null),
        List.of("nll", "words", "mentionsGold", "mentionsOther"), labels, fold, folds,
        regularised, embedder);
    Path cache2 = cache == null ? null : Path.of(cache + ".parts");
    float[][] parts = embeddings(cache2, embedder, parts(items));
    double[] support = new double[items.size()];
    for (int i = 0; i < support.length; i++) {
      support[i] = dot(parts[2 * i], parts[2 * i + 1]);
    }
    List<String> names = List.of("nll", "words", "mentionsGold", "mentionsOther",
        "nllVsQuestionMean", "explanationSupportsAnswer");
    evaluate("critic: + answer-support cosine + NLL within question", emb,
        side(items, 3, support), names, labels, fold, folds, regularised, embedder);
  }

  /** Texts embedded separately: for each item, "question + gold answer", then the explanation. */
  static List<String> parts(List<Item> items) {
    List<String> out = new ArrayList<>();
    for (Item it : items) {
      out.add(it.question() + " " + it.gold());
      // A few explanations are empty; the model rejects blank text.
      out.add(it.explanation().isBlank() ? "(no explanation)" : it.explanation());
    }
    return out;
  }

  static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static String text(Item it) {
    return "Question: " + it.question() + " Choices: " + it.choices() + " Answer: " + it.gold()
        + ". Explanation: " + it.explanation();
  }

  static double[][] side(List<Item> items, int level, double[] support) {
    double[][] out = new double[items.size()][];
    for (int i = 0; i < out.length; i++) {
      Item it = items.get(i);
      if (level == 0) {
        out[i] = new double[0];
      } else if (level == 1) {
        out[i] = new double[] {it.nll()};
      } else {
        String e = " " + String.join(" ", Words.of(it.explanation())) + " ";
        String goldWords = String.join(" ", Words.of(it.gold()));
        boolean gold = e.contains(" " + goldWords + " ");
        int others = 0;
        for (String c : it.choices().replace(", or ", ", ").split(",\\s*")) {
          String w = String.join(" ", Words.of(c));
          if (!w.isEmpty() && !w.equals(goldWords) && e.contains(" " + w + " ")) {
            others++;
          }
        }
        double[] base = {it.nll(), Math.log1p(Words.of(it.explanation()).size()), gold ? 1 : 0,
            others};
        if (level == 2) {
          out[i] = base;
        } else {
          // Items come in groups of 5 per question: NLL relative to the question's mean.
          int g = i - i % 5;
          double mean = 0;
          for (int j = g; j < g + 5; j++) {
            mean += items.get(j).nll() / 5;
          }
          out[i] = new double[] {base[0], base[1], base[2], base[3], it.nll() - mean, support[i]};
        }
      }
    }
    return out;
  }

  static void evaluate(String name, float[][] emb, double[][] side, List<String> sideNames,
      boolean[] labels, int[] fold, int folds, CriticSettings settings,
      TextEmbedder embedder) {
    double[] scores = new double[labels.length];
    long t0 = System.nanoTime();
    for (int f = 0; f < folds; f++) {
      List<Integer> train = new ArrayList<>();
      List<Integer> test = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        (fold[i] == f ? test : train).add(i);
      }
      float[][] xe = train.stream().map(i -> emb[i]).toArray(float[][]::new);
      double[][] xs = train.stream().map(i -> side[i]).toArray(double[][]::new);
      boolean[] y = new boolean[train.size()];
      for (int j = 0; j < y.length; j++) {
        y[j] = labels[train.get(j)];
      }
      try (ClassifierCritic critic = ClassifierCritic.trainOnFeatures(xe, xs, y, sideNames,
          settings, embedder)) {
        float[] p = critic.scoreFeatures(test.stream().map(i -> emb[i]).toArray(float[][]::new),
            test.stream().map(i -> side[i]).toArray(double[][]::new));
        for (int j = 0; j < p.length; j++) {
          scores[test.get(j)] = p[j];
        }
      }
    }
    print(name + String.format(Locale.ROOT, " [%.1f s]", (System.nanoTime() - t0) / 1e9),
        scores, labels, fold, folds);
  }

  static void print(String name, double[] scores, boolean[] labels, int[] fold, int folds) {
    Calibration all = new Calibration(scores, labels);
    double mean = 0;
    double[] perFold = new double[folds];
    for (int f = 0; f < folds; f++) {
      List<Integer> idx = new ArrayList<>();
      for (int i = 0; i < labels.length; i++) {
        if (fold[i] == f) {
          idx.add(i);
        }
      }
      double[] s = idx.stream().mapToDouble(i -> scores[i]).toArray();
      boolean[] l = new boolean[idx.size()];
      for (int j = 0; j < l.length; j++) {
        l[j] = labels[idx.get(j)];
      }
      perFold[f] = new Calibration(s, l).averagePrecision();
      mean += perFold[f] / folds;
    }
    double sd = 0;
    for (double v : perFold) {
      sd += (v - mean) * (v - mean) / folds;
    }
    System.out.printf(Locale.ROOT,
        "%-60s AP %.3f (per-fold mean %.3f ± %.3f)  P@30%% %.3f  P@50%% %.3f  P@70%% %.3f%n",
        name, all.averagePrecision(), mean, Math.sqrt(sd), all.precisionAtRetention(0.3),
        all.precisionAtRetention(0.5), all.precisionAtRetention(0.7));
  }

  static List<Item> read(Path csv) {
    Map<String, List<Seed>> byQuestion = new LinkedHashMap<>();
    for (Seed s : SeedReader.readAll(csv, FieldMapping.identity())) {
      byQuestion.computeIfAbsent(s.require("Input.id"), k -> new ArrayList<>()).add(s);
    }
    List<Item> items = new ArrayList<>();
    for (List<Seed> rows : byQuestion.values()) {
      Seed first = rows.get(0);
      for (int k = 1; k <= 5; k++) {
        int votes = 0;
        for (Seed r : rows) {
          for (String a : r.require("Answer.acceptable").split("\\|")) {
            if (a.strip().equals(String.valueOf(k))) {
              votes++;
            }
          }
        }
        items.add(new Item(first.require("Input.question"), first.require("Input.answer_choices"),
            first.require("Input.gold_label"), first.require("Input.explanation_" + k),
            Double.parseDouble(first.require("Input.nll_" + k)), votes >= 2));
      }
    }
    return items;
  }

  static float[][] embeddings(Path cache, TextEmbedder embedder, List<String> texts)
      throws IOException {
    if (cache != null && Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(
          Files.newInputStream(cache)))) {
        int n = in.readInt();
        int d = in.readInt();
        if (n == texts.size()) {
          float[][] out = new float[n][d];
          for (float[] row : out) {
            for (int j = 0; j < d; j++) {
              row[j] = in.readFloat();
            }
          }
          return out;
        }
      }
    }
    float[][] out = ClassifierCritic.embed(embedder, texts);
    if (cache != null) {
      try (DataOutputStream o = new DataOutputStream(new java.io.BufferedOutputStream(
          Files.newOutputStream(cache)))) {
        o.writeInt(out.length);
        o.writeInt(out[0].length);
        for (float[] row : out) {
          for (float v : row) {
            o.writeFloat(v);
          }
        }
      }
    }
    return out;
  }
}
