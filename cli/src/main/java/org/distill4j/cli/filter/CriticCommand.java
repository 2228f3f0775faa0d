package org.distill4j.cli.filter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.filtering.critic.Calibration;
import org.distill4j.filtering.critic.SavedCritic;
import org.distill4j.filtering.critic.CriticExample;
import org.distill4j.filtering.critic.CriticSettings;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Trains, applies, calibrates and evaluates the classifier critic. */
@Command(
    name = "critic",
    mixinStandardHelpOptions = true,
    description = {
      "The classifier critic: all-MiniLM-L6-v2 embeddings of a record's text (plus optional"
          + " numeric side features read from its scores, e.g. a teacher log-likelihood) fed to"
          + " a small network trained with DJL on CPU.",
      "",
      "Labelled files are corpora whose records carry a score (default `label`): 1 = a human"
          + " accepted the item, 0 = rejected. Or a CSV, TSV or JSON Lines table with your own"
          + " columns: --text names the text column (or a template such as '{head} {relation}"
          + " {tail}'), --pair a second segment, --label the label column (true/1/yes accept,"
          + " or say which value does with --positive) and --id your id, kept in the scores."
    },
    footer = {"", "Examples:",
      "  distill critic train --in labelled.jsonl --out critic-model",
      "  distill critic calibrate --model critic-model --dev dev.jsonl --target-precision 0.9",
      "  distill critic score --model critic-model --in generated.jsonl --out scored.jsonl",
      "  distill critic evaluate --in labelled.jsonl --folds 5 --baseline teacher.nll"
          + " --baseline-lower-better",
      "",
      "With a CSV (columns id,head,relation,tail,valid):",
      "  distill critic train --in atomic.csv --text '{head} {relation} {tail}' --label valid"
          + " --out critic-model",
      "  distill critic calibrate --model critic-model --dev dev.csv --text '{head} {relation}"
          + " {tail}' --label valid --target-recall 0.8",
      "  distill critic score --model critic-model --in new.csv --text '{head} {relation}"
          + " {tail}' --id id --out scores.jsonl"},
    subcommands = {CriticTrainCommand.class, CriticCommand.Score.class,
        CriticCommand.Calibrate.class, CriticEvaluateCommand.class,
        CriticNegativesCommand.class})
public final class CriticCommand implements Runnable {
  @Spec CommandSpec spec;

  /** Side features: the named columns (or scores), then the derived --feature values. */
  static List<String> sideNames(List<String> side, RowMapping rows) {
    List<String> out = new ArrayList<>(side);
    out.addAll(rows.featureNames());
    return out;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: train, score,"
        + " calibrate, evaluate or negatives");
  }

  /** Adds the critic's score to every record. */
  @Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Add the critic's score to every record of --in and write them to --out"
          + " (nothing is dropped; use `distill filter` with a classifier stage to cut). For a"
          + " table (--text), each line of --out is {\"id\", \"text\", <score name>}.",
      footer = {"", "Example, a CSV with columns id,head,relation,tail:",
        "  distill critic score --model critic-model --in new.csv"
            + " --text '{head} {relation} {tail}' --id id --out scores.jsonl"})
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The critic.")
    Path model;

    @Option(names = "--in", required = true, paramLabel = "FILE",
        description = "Records, or a CSV/TSV/JSON Lines table with --text.")
    Path in;

    @Mixin RowMapping rows;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Scored.")
    Path out;

    @Option(names = "--score-name", defaultValue = "critic", description = "Score to set.")
    String scoreName;

    @Option(names = "--batch-size", defaultValue = "256", description = "Records per batch.",
        converter = OptionRanges.AtLeastOne.class)
    int batchSize;

    private TextEmbedder embedder;

    @Mixin EmbeddingCacheOption cache;

    @Override
    public Integer call() {
      JsonLinesReader.requireRecords(in);
      if (!rows.mapped()) {
        rows.requireNoColumns(in);
      }
      rows.useSaved(SavedFeatures.read(model));
      long n;
      embedder = cache.embedder();
      try (SavedCritic critic = SavedCritic.load(model, embedder)) {
        n = rows.mapped() ? scoreRows(critic) : scoreRecords(critic);
      }
      spec.commandLine().getOut().printf("scored %d records -> %s%n", n, out);
      spec.commandLine().getOut().flush();
      return 0;
    }

    /**
     * Scores a mapped table: each output line has the row's id (the user's own with --id), its
     * text and the score, so the scores can be joined back to the user's data.
     */
    private long scoreRows(SavedCritic critic) {
      List<String> sideNames = critic.sideFeatures();
      List<CriticItem> items = rows.withFeatures(rows.read(in, sideNames), embedder);
      // One call over every text first: the cache then shows progress for the whole table.
      if (critic.embedsTexts()) {
        embedder.embed(items.stream().map(CriticItem::text).toList());
      }
      try (JsonLinesWriter<Map<String, Object>> w = JsonLinesWriter.overwrite(out)) {
        for (int from = 0; from < items.size(); from += batchSize) {
          List<CriticItem> batch = items.subList(from, Math.min(items.size(), from + batchSize));
          float[] p = critic.score(batch.stream().map(CriticItem::text).toList(),
              CriticItem.sides(batch, sideNames));
          for (int i = 0; i < p.length; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("id", batch.get(i).id());
            line.put("text", batch.get(i).text());
            line.put(scoreName, p[i]);
            w.write(line);
          }
        }
      }
      return items.size();
    }

    private long scoreRecords(SavedCritic critic) {
      long n = 0;
      // Records stream in batches, so the total is unknown: report the count and the rate.
      ScoringProgress progress = new ScoringProgress(System.err);
      try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(in, CorpusRecord.class);
          JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(out)) {
        List<CorpusRecord> batch = new ArrayList<>();
        var it = r.records(BadLinePolicy.failFast()).iterator();
        while (it.hasNext()) {
          batch.add(it.next());
          if (batch.size() == batchSize || !it.hasNext()) {
            float[] p = critic.scoreRecords(batch);
            for (int i = 0; i < p.length; i++) {
              w.write(batch.get(i).withScore(scoreName, p[i]));
            }
            n += batch.size();
            batch.clear();
            progress.report(n);
          }
        }
      }
      return n;
    }
  }

  /** Picks a threshold on a labelled dev set and stores it with the critic. */
  @Command(name = "calibrate", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Score a labelled dev set, report precision, recall, average precision and"
          + " precision at 30/50/70 %% retention, pick the threshold that meets the target and"
          + " save it into the critic's critic.json (unless --dry-run). Exit 1 when no threshold"
          + " meets the target.",
      footer = {"", "Example, a TSV with columns question,answer,acceptable (yes/no):",
        "  distill critic calibrate --model critic-model --dev dev.tsv --text question"
            + " --pair answer --label acceptable --positive yes --target-precision 0.9"})
  static final class Calibrate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The critic.")
    Path model;

    @Option(names = "--dev", required = true, paramLabel = "FILE",
        description = "Labelled dev records, not used in training (or a CSV/TSV/JSON Lines"
            + " table with --text).")
    Path dev;

    @Mixin RowMapping rows;

    @Option(names = "--label", defaultValue = "label", paramLabel = "SCORE|FIELD",
        description = "The score (or, with --text, the column) holding the label.")
    String label;

    @Option(names = "--positive", paramLabel = "VALUE",
        description = "With --text: the label value meaning acceptable; any other rejects.")
    String positive;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(names = "--target-precision", paramLabel = "P",
          converter = OptionRanges.Fraction.class,
          description = "Keep as much as possible with at least this precision.")
      Double precision;

      @Option(names = "--target-recall", paramLabel = "R",
          converter = OptionRanges.Fraction.class,
          description = "Keep as little as possible with at least this recall.")
      Double recall;
    }

    @Option(names = "--dry-run", description = "Report only; leave the critic unchanged.")
    boolean dryRun;

    @Mixin EmbeddingCacheOption cache;

    @Override
    public Integer call() throws Exception {
      Double t = target.precision != null ? target.precision : target.recall;
      if (t <= 0 || t > 1) {
        throw new InputException("the target must be in (0, 1], found " + t);
      }
      PrintWriter w = spec.commandLine().getOut();
      rows.useSaved(SavedFeatures.read(model));
      TextEmbedder embedder = cache.embedder();
      try (SavedCritic critic = SavedCritic.load(model, embedder)) {
        List<String> sideNames = critic.sideFeatures();
        LabelledRecords data = LabelledRecords.read(dev, rows, label, positive, sideNames)
            .withFeatures(rows, embedder);
        float[] p = critic.score(data.items().stream().map(CriticItem::text).toList(),
            CriticItem.sides(data.items(), sideNames));
        double[] scores = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          scores[i] = p[i];
        }
        Calibration cal;
        try {
          cal = new Calibration(scores, data.labels());
        } catch (IllegalArgumentException e) {
          throw new InputException(dev + ": " + e.getMessage());
        }
        Calibration.Cutoff chosen = target.precision != null ? cal.forPrecision(t)
            : cal.forRecall(t);
        w.println(CorpusJson.json().writerWithDefaultPrettyPrinter()
            .writeValueAsString(cal.report(chosen)));
        if (chosen == null) {
          w.println(missed(target.precision != null ? "precision" : "recall", t,
              target.precision != null ? cal.mostPrecise() : cal.forRecall(1)));
          w.flush();
          return 1;
        }
        if (!dryRun) {
          critic.withThreshold(chosen.threshold()).save(model);
          w.printf(Locale.ROOT, "threshold %.4f saved to %s%n", chosen.threshold(), model);
        }
      }
      w.flush();
      return 0;
    }

    /** What the target asked for and the best this dev set allows, so the user can adjust. */
    static String missed(String measure, double asked, Calibration.Cutoff best) {
      double reached = measure.equals("precision") ? best.precision() : best.recall();
      return String.format(Locale.ROOT, "no threshold reaches %s %.3f on this dev set; the"
          + " best is %s %.3f (threshold %.4f, keeping %.1f %% of the items, precision %.3f,"
          + " recall %.3f); the critic is unchanged", measure, asked, measure, reached,
          best.threshold(), 100 * best.retention(), best.precision(), best.recall());
    }
  }
}
