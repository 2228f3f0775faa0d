package org.distill4j.cli.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.critic.ClassifierCritic;
import org.distill4j.filtering.rules.Words;

/**
 * Computes {@link DerivedFeature}s over a whole table at once, since a group-centred value needs
 * every row of its group and cosines are embedded in batches (through the caching embedder).
 */
final class DerivedFeatures {
  private DerivedFeatures() {}

  /** The items with each feature's value added to their numbers under the feature's name. */
  static List<CriticItem> apply(List<CriticItem> items, List<DerivedFeature> features,
      TextEmbedder embedder) {
    List<Map<String, Double>> numbers = new ArrayList<>();
    items.forEach(it -> numbers.add(new LinkedHashMap<>(it.numbers())));
    for (DerivedFeature f : features) {
      double[] v = values(items, f, embedder);
      for (int i = 0; i < v.length; i++) {
        numbers.get(i).put(f.name(), v[i]);
      }
    }
    List<CriticItem> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      CriticItem it = items.get(i);
      out.add(new CriticItem(it.id(), it.text(), numbers.get(i), it.where(), it.columns()));
    }
    return out;
  }

  static double[] values(List<CriticItem> items, DerivedFeature f, TextEmbedder embedder) {
    double[] out = new double[items.size()];
    switch (f.function()) {
      case "cosine" -> {
        return cosines(items, f, embedder);
      }
      case "centred" -> {
        Map<String, double[]> sums = new HashMap<>(); // group -> {sum, n}
        double[] x = new double[out.length];
        for (int i = 0; i < out.length; i++) {
          x[i] = number(f, items.get(i));
          double[] s = sums.computeIfAbsent(f.arg(1, items.get(i).columns()), g -> new double[2]);
          s[0] += x[i];
          s[1]++;
        }
        for (int i = 0; i < out.length; i++) {
          double[] s = sums.get(f.arg(1, items.get(i).columns()));
          out[i] = x[i] - s[0] / s[1];
        }
      }
      case "log-words" -> {
        for (int i = 0; i < out.length; i++) {
          out[i] = Math.log1p(Words.of(f.arg(0, items.get(i).columns())).size());
        }
      }
      case "mentions" -> {
        for (int i = 0; i < out.length; i++) {
          Map<String, String> c = items.get(i).columns();
          out[i] = contains(f.arg(0, c), f.arg(1, c)) ? 1 : 0;
        }
      }
      case "mentions-other" -> {
        for (int i = 0; i < out.length; i++) {
          Map<String, String> c = items.get(i).columns();
          out[i] = mentionsOther(f.arg(0, c), f.arg(1, c), f.arg(2, c));
        }
      }
      default -> throw new IllegalStateException("unknown feature function " + f.function());
    }
    return out;
  }

  private static double[] cosines(List<CriticItem> items, DerivedFeature f,
      TextEmbedder embedder) {
    List<String> texts = new ArrayList<>();
    for (CriticItem it : items) {
      for (int a = 0; a < 2; a++) {
        String t = f.arg(a, it.columns());
        // The model refuses blank text; a blank side gets cosine 0 below.
        texts.add(t.isBlank() ? "-" : t);
      }
    }
    float[][] e = ClassifierCritic.embed(embedder, texts);
    double[] out = new double[items.size()];
    for (int i = 0; i < out.length; i++) {
      CriticItem it = items.get(i);
      if (f.arg(0, it.columns()).isBlank() || f.arg(1, it.columns()).isBlank()) {
        continue;
      }
      for (int j = 0; j < e[2 * i].length; j++) {
        out[i] += e[2 * i][j] * e[2 * i + 1][j];
      }
    }
    return out;
  }

  private static double number(DerivedFeature f, CriticItem it) {
    String v = f.arg(0, it.columns()).strip();
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new InputException(it.where(), "--feature " + f.spec() + ": expected a number in "
          + f.args().get(0) + ", found \"" + v + "\"");
    }
  }

  /** True when the words of {@code phrase} occur, in order and adjacent, in {@code text}. */
  static boolean contains(String text, String phrase) {
    String p = String.join(" ", Words.of(phrase));
    return !p.isEmpty() && (" " + String.join(" ", Words.of(text)) + " ")
        .contains(" " + p + " ");
  }

  static int mentionsOther(String text, String list, String except) {
    String skip = String.join(" ", Words.of(except));
    int n = 0;
    for (String c : list.replace(", or ", ", ").split(",\\s*")) {
      String w = String.join(" ", Words.of(c));
      if (!w.isEmpty() && !w.equals(skip) && contains(text, c)) {
        n++;
      }
    }
    return n;
  }
}
