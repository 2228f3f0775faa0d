package org.distill4j.cli.filter;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.critic.CriticExample;
import org.distill4j.filtering.critic.CriticTrainer;
import org.distill4j.filtering.critic.CrossValidation;
import org.distill4j.filtering.critic.EmbeddingMlpTrainer;
import org.distill4j.filtering.critic.EncoderCriticTrainer;
import org.distill4j.filtering.critic.FoldRanking;
import org.distill4j.filtering.critic.GroupedFolds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Cross-validates the critic on a labelled table, beside the baselines it must beat, so a user can
 * tell whether training a critic is worth it before filtering with one.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Cross-validate the critic: train a fresh one per fold on the other folds and"
        + " report, on the pooled out-of-fold scores, average precision (AP), precision when"
        + " keeping the top 30/50/70 percent, the accepted share, and the per-fold AP mean and"
        + " sd. With --test the critic trains on all of --in and is scored on that file instead.",
      "Baselines on the same folds: --baseline ranks by a numeric column (e.g. a teacher NLL);"
          + " --relation predicts each item by its relation's accepted share in the training"
          + " part (the prior a triple critic must beat)."},
    footer = {"", "Example, one row per explanation with columns qid,question,gold,explanation,"
        + "nll,accepted:",
      "  distill critic evaluate --in items.csv --text '{question} {explanation}' --label"
          + " accepted --group qid --baseline nll --baseline-lower-better"
          + " --feature 'support=cosine({question} {gold}|{explanation})'"
          + " --feature 'nllInQuestion=centred(nll|qid)' --side-features nll"
          + " --target-precision 0.8 --out cv.json"})
final class CriticEvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "Labelled records, or a CSV/TSV/JSON Lines table with --text.")
  Path in;

  @Mixin RowMapping rows;

  @Option(names = "--label", defaultValue = "label", paramLabel = "SCORE|FIELD",
      description = "The score (or, with --text, the column) holding the label.")
  String label;

  @Option(names = "--positive", paramLabel = "VALUE",
      description = "With --text: the label value meaning acceptable; any other rejects.")
  String positive;

  @Option(names = "--side-features", split = ",", paramLabel = "SCORE",
      description = "Scores (or, with --text, numeric columns) used as side features.")
  List<String> side = new ArrayList<>();

  @Option(names = "--group", paramLabel = "FIELD|TEMPLATE",
      description = "With --text: items sharing this value stay in one fold (e.g. the question"
          + " of several answers). Default: every item is its own group.")
  String group;

  @Option(names = "--folds", defaultValue = "5", paramLabel = "K",
      converter = OptionRanges.AtLeastOne.class, description = "Number of folds (at least 2).")
  int folds;

  @Option(names = "--fold-seed", defaultValue = "13", description = "Seeds the fold assignment.")
  long foldSeed;

  @Option(names = "--test", paramLabel = "FILE", description = "A fixed held-out file (same"
      + " columns) instead of folds: train on all of --in, report on this.")
  Path test;

  @Option(names = "--target-precision", paramLabel = "P", converter = OptionRanges.Fraction.class,
      description = "Also pick, on each fold's training part, the threshold reaching this"
          + " precision, and report what it achieves on the held-out folds.")
  Double targetPrecision;

  @Option(names = "--baseline", paramLabel = "FIELD|SCORE", description = "A numeric column"
      + " (or record score) to rank by as a baseline, higher first.")
  String baseline;

  @Option(names = "--baseline-lower-better", description = "Rank the baseline lowest first"
      + " (e.g. an NLL).")
  boolean lowerBetter;

  @Option(names = "--relation", paramLabel = "FIELD|TEMPLATE", description = "With --text: the"
      + " relation (or any key) whose accepted share in the training part is a baseline.")
  String relation;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON.")
  Path out;

  @Mixin NetworkOptions network;

  @Mixin EmbeddingCacheOption cache;

  @Mixin EncoderOptions encoder;

  @Override
  public Integer call() {
    String groupT = columnOption("--group", group);
    String relationT = columnOption("--relation", relation);
    String baselineT = rows.mapped() && baseline != null ? rows.alsoRead(baseline) : null;
    TextEmbedder embedder = cache.embedder();
    List<String> names = CriticCommand.sideNames(side, rows);
    LabelledRecords data = LabelledRecords.read(in, rows, label, positive, names)
        .withFeatures(rows, embedder);
    int trainSize = data.items().size();
    List<CriticItem> items = new ArrayList<>(data.items());
    List<Boolean> labelList = new ArrayList<>();
    for (boolean b : data.labels()) {
      labelList.add(b);
    }
    if (test != null) {
      LabelledRecords t = LabelledRecords.read(test, rows, label, positive, names)
          .withFeatures(rows, embedder);
      items.addAll(t.items());
      for (boolean b : t.labels()) {
        labelList.add(b);
      }
    }
    boolean[] labels = new boolean[items.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = labelList.get(i);
    }
    int k = test != null ? 1 : folds;
    int[] fold = foldsOf(items, trainSize, groupT);
    List<CrossValidation.Result> results = new ArrayList<>();
    List<CriticExample> examples = new LabelledRecords(items, labels).examples(names);
    results.add(CrossValidation.run(encoder.chosen() ? "critic (fine-tuned " + encoder.base
        + ")" : "critic (MiniLM + MLP)", FoldRanking.ofCritic(trainer(embedder, names, items),
        examples), labels, fold, k, targetPrecision));
    if (baseline != null) {
      double[] b = baselineScores(items, baselineT);
      results.add(CrossValidation.run("baseline: " + baseline + (lowerBetter ? ", lower first"
          : ", higher first"), FoldRanking.fixed(b), labels, fold, k, targetPrecision));
    }
    if (relationT != null) {
      List<String> keys = items.stream().map(it -> DerivedFeature.fill(relationT, it.columns()))
          .toList();
      results.add(CrossValidation.run("base rate per " + relation, FoldRanking.baseRate(keys,
          labels), labels, fold, k, targetPrecision));
    }
    report(results);
    return 0;
  }

  /** The per-fold model: the fine-tuned encoder with --encoder, else the embedding network. */
  private CriticTrainer trainer(TextEmbedder embedder, List<String> names,
      List<CriticItem> items) {
    if (encoder.chosen()) {
      List<String> side = new ArrayList<>(names);
      rows.features().forEach(f -> side.add(f.spec()));
      return new EncoderCriticTrainer(encoder.settings(0, network.seed, side),
          EncoderOptions.progress(spec.commandLine().getOut()));
    }
    // Embeds every text once up front, with progress; the folds then read the cache.
    embedder.embed(items.stream().map(CriticItem::text).toList());
    return new EmbeddingMlpTrainer(embedder, names, network.settings());
  }

  /** A --group or --relation template (its columns read too), or null when not given. */
  private String columnOption(String option, String value) {
    if (value == null) {
      return null;
    }
    if (!rows.mapped()) {
      throw new InputException(option + " names a table column; give --text too");
    }
    return rows.alsoRead(value);
  }

  private int[] foldsOf(List<CriticItem> items, int trainSize, String groupT) {
    if (test != null) {
      int[] fold = new int[items.size()];
      for (int i = 0; i < fold.length; i++) {
        fold[i] = i < trainSize ? -1 : 0;
      }
      return fold;
    }
    List<String> groups = new ArrayList<>();
    for (CriticItem it : items) {
      groups.add(groupT == null ? it.id() + "@" + groups.size()
          : DerivedFeature.fill(groupT, it.columns()));
    }
    try {
      return GroupedFolds.assign(groups, folds, foldSeed);
    } catch (IllegalArgumentException e) {
      throw new InputException("--folds " + folds + ": " + e.getMessage());
    }
  }

  private double[] baselineScores(List<CriticItem> items, String template) {
    double[] b = new double[items.size()];
    for (int i = 0; i < b.length; i++) {
      CriticItem it = items.get(i);
      String v = template != null ? DerivedFeature.fill(template, it.columns())
          : String.valueOf(it.numbers().get(baseline));
      try {
        b[i] = Double.parseDouble(v.strip()) * (lowerBetter ? -1 : 1);
      } catch (NumberFormatException e) {
        throw new InputException(it.where(), "expected a number in --baseline " + baseline
            + ", found \"" + v + "\"");
      }
    }
    return b;
  }

  private void report(List<CrossValidation.Result> results) {
    PrintWriter w = spec.commandLine().getOut();
    w.print(EvaluationTable.render(results, targetPrecision, test != null ? "--test " + test
        : folds + " folds" + (group != null ? " grouped by " + group : "")));
    w.flush();
    if (out != null) {
      try {
        CorpusJson.json().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out, e);
      }
      w.println("written to " + out);
      w.flush();
    }
  }
}
