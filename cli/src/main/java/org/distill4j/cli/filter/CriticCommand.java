package org.distill4j.cli.filter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.filtering.critic.Calibration;
import org.distill4j.filtering.critic.ClassifierCritic;
import org.distill4j.filtering.critic.CriticExample;
import org.distill4j.filtering.critic.CriticSettings;
import org.distill4j.neural.MiniLm;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Trains, applies and calibrates the classifier critic. */
@Command(
    name = "critic",
    mixinStandardHelpOptions = true,
    description = {
      "The classifier critic: all-MiniLM-L6-v2 embeddings of a record's text (plus optional"
          + " numeric side features read from its scores, e.g. a teacher log-likelihood) fed to"
          + " a small network trained with DJL on CPU.",
      "",
      "Labelled files are corpora whose records carry a score (default `label`): 1 = a human"
          + " accepted the item, 0 = rejected."
    },
    footer = {"", "Examples:",
      "  distill critic train --in labelled.jsonl --out critic-model",
      "  distill critic calibrate --model critic-model --dev dev.jsonl --target-precision 0.9",
      "  distill critic score --model critic-model --in generated.jsonl --out scored.jsonl"},
    subcommands = {CriticCommand.Train.class, CriticCommand.Score.class,
        CriticCommand.Calibrate.class})
public final class CriticCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing subcommand: train, score or"
        + " calibrate");
  }

  /** Trains a critic on labelled records and saves it to a folder. */
  @Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Train a critic on labelled records and save it (network + critic.json) to"
          + " --out.")
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, paramLabel = "FILE",
        description = "Labelled records (JSON Lines).")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "DIR",
        description = "Folder to save the critic in.")
    Path out;

    @Option(names = "--label", defaultValue = "label", paramLabel = "SCORE",
        description = "The score holding the label (1 accept, 0 reject).")
    String label;

    @Option(names = "--side-features", split = ",", paramLabel = "SCORE",
        description = "Scores used as numeric side features, e.g. teacher.nll.")
    List<String> side = new ArrayList<>();

    @Option(names = "--hidden", defaultValue = "32", description = "Hidden units.",
        converter = OptionRanges.AtLeastOne.class)
    int hidden;

    @Option(names = "--epochs", defaultValue = "10", description = "Passes over the data.",
        converter = OptionRanges.AtLeastOne.class)
    int epochs;

    @Option(names = "--batch-size", defaultValue = "32", description = "Examples per step.",
        converter = OptionRanges.AtLeastOne.class)
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001", description = "Adam step size.",
        converter = OptionRanges.AboveZero.class)
    double learningRate;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "L2 penalty.",
        converter = OptionRanges.ZeroOrAbove.class)
    double weightDecay;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (reproducible).")
    long seed;

    @Override
    public Integer call() {
      JsonLinesReader.requireRecords(in);
      LabelledRecords data = LabelledRecords.read(in, label);
      CriticSettings settings;
      try {
        settings = new CriticSettings(hidden, epochs, batchSize, (float) learningRate,
            (float) weightDecay, seed);
      } catch (IllegalArgumentException e) {
        throw new InputException(e.getMessage());
      }
      List<CriticExample> examples = new ArrayList<>();
      for (int i = 0; i < data.records().size(); i++) {
        CorpusRecord r = data.records().get(i);
        double[] s = new double[side.size()];
        for (int j = 0; j < s.length; j++) {
          Double v = r.scores().get(side.get(j));
          if (v == null) {
            throw new InputException(in + ": record " + (i + 1) + " (" + r.id()
                + ") has no score \"" + side.get(j) + "\" named in --side-features");
          }
          s[j] = v;
        }
        examples.add(new CriticExample(r.knowledge().text(), s, data.labels()[i]));
      }
      // Locked for training and saving: two trainers would interleave their saved files.
      try (FolderLock lock = FolderLock.acquire(out);
          ClassifierCritic critic = ClassifierCritic.train(examples, side, settings,
          MiniLm.embedder())) {
        critic.save(out);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.printf(Locale.ROOT, "trained on %d records (%d accepted); saved to %s%n",
          examples.size(), examples.stream().filter(CriticExample::accepted).count(), out);
      w.flush();
      return 0;
    }
  }

  /** Adds the critic's score to every record. */
  @Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Add the critic's score to every record of --in and write them to --out"
          + " (nothing is dropped; use `distill filter` with a classifier stage to cut).")
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The critic.")
    Path model;

    @Option(names = "--in", required = true, paramLabel = "FILE", description = "Records.")
    Path in;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Scored.")
    Path out;

    @Option(names = "--score-name", defaultValue = "critic", description = "Score to set.")
    String scoreName;

    @Option(names = "--batch-size", defaultValue = "256", description = "Records per batch.",
        converter = OptionRanges.AtLeastOne.class)
    int batchSize;

    @Override
    public Integer call() {
      JsonLinesReader.requireRecords(in);
      long n = 0;
      try (ClassifierCritic critic = ClassifierCritic.load(model,
          MiniLm.embedder());
          JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(in, CorpusRecord.class);
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
          }
        }
      }
      spec.commandLine().getOut().printf("scored %d records -> %s%n", n, out);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** Picks a threshold on a labelled dev set and stores it with the critic. */
  @Command(name = "calibrate", mixinStandardHelpOptions = true, showDefaultValues = true,
      description = "Score a labelled dev set, report precision, recall, average precision and"
          + " precision at 30/50/70 %% retention, pick the threshold that meets the target and"
          + " save it into the critic's critic.json (unless --dry-run).")
  static final class Calibrate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The critic.")
    Path model;

    @Option(names = "--dev", required = true, paramLabel = "FILE",
        description = "Labelled dev records, not used in training.")
    Path dev;

    @Option(names = "--label", defaultValue = "label", paramLabel = "SCORE",
        description = "The score holding the label.")
    String label;

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

    @Override
    public Integer call() throws Exception {
      Double t = target.precision != null ? target.precision : target.recall;
      if (t <= 0 || t > 1) {
        throw new InputException("the target must be in (0, 1], found " + t);
      }
      JsonLinesReader.requireRecords(dev);
      LabelledRecords data = LabelledRecords.read(dev, label);
      PrintWriter w = spec.commandLine().getOut();
      try (ClassifierCritic critic = ClassifierCritic.load(model,
          MiniLm.embedder())) {
        float[] p = critic.scoreRecords(data.records());
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
          w.printf(Locale.ROOT, "no threshold reaches precision %.3f on this dev set; the"
              + " critic is unchanged%n", t);
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
  }
}
