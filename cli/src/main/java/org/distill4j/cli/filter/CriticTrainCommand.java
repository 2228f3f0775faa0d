package org.distill4j.cli.filter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.distill4j.cli.options.OptionRanges;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.InputException;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.filtering.critic.ClassifierCritic;
import org.distill4j.filtering.critic.EncoderCritic;
import org.distill4j.filtering.critic.EncoderSettings;
import org.distill4j.neural.tune.TuneResult;
import org.distill4j.filtering.critic.CriticExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a critic on labelled records and saves it to a folder. */
@Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
    description = {"Train a critic on labelled records and save it (network + critic.json, and"
        + " features.json with --feature) to --out.",
      "Prints the mean training loss per epoch; with a dev set (--dev, or --dev-fraction held"
          + " out of --in, whole --group groups at a time) also the dev average precision, keeps"
          + " the weights of the best epoch and stops after --patience epochs without a better"
          + " one."},
    footer = {"", "Example, a CSV with columns question,answer,acceptable (yes/no):",
      "  distill critic train --in csqa.csv --text question --pair answer"
          + " --label acceptable --positive yes --dev-fraction 0.2 --group question"
          + " --epochs 30 --patience 3 --out critic-model"})
final class CriticTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--in", required = true, paramLabel = "FILE",
      description = "Labelled records (JSON Lines), or a CSV/TSV/JSON Lines table with --text.")
  Path in;

  @Mixin RowMapping rows;

  @Option(names = "--out", required = true, paramLabel = "DIR",
      description = "Folder to save the critic in.")
  Path out;

  @Option(names = "--label", defaultValue = "label", paramLabel = "SCORE|FIELD",
      description = "The score (or, with --text, the column) holding the label: 1 accept,"
          + " 0 reject; in a table also true/yes and false/no.")
  String label;

  @Option(names = "--positive", paramLabel = "VALUE",
      description = "With --text: the label value meaning acceptable; any other rejects.")
  String positive;

  @Option(names = "--side-features", split = ",", paramLabel = "SCORE",
      description = "Scores (or, with --text, numeric columns) used as side features, e.g."
          + " teacher.nll.")
  List<String> side = new ArrayList<>();

  @Option(names = "--dev", paramLabel = "FILE",
      description = "Labelled dev file (same columns) for the per-epoch dev AP.")
  Path dev;

  @Option(names = "--dev-fraction", paramLabel = "F", defaultValue = "0",
      converter = OptionRanges.ZeroOrAbove.class,
      description = "Hold out this share of --in (0 to 1) as the dev set instead of --dev.")
  double devFraction;

  @Option(names = "--group", paramLabel = "FIELD|TEMPLATE",
      description = "With --dev-fraction and --text: items sharing this value go to the same"
          + " side of the split.")
  String group;

  @Option(names = "--patience", defaultValue = "0", converter = OptionRanges.ZeroOrMore.class,
      description = "With a dev set: stop after this many epochs without a better dev AP"
          + " (0: run every epoch; the best epoch's weights are kept either way).")
  int patience;

  @Option(names = "--split-seed", defaultValue = "13", description = "Seeds the dev split.")
  long splitSeed;

  @Mixin NetworkOptions network;

  @Mixin EmbeddingCacheOption cache;

  @Mixin EncoderOptions encoder;

  @Override
  public Integer call() {
    if (devFraction >= 1 || (dev != null && devFraction > 0)) {
      throw new InputException("--dev-fraction must be below 1, and not given with --dev");
    }
    String groupT = group == null ? null : rows.alsoRead(group);
    if (group != null && !rows.mapped()) {
      throw new InputException("--group names a table column; give --text too");
    }
    TextEmbedder embedder = cache.embedder();
    List<String> names = CriticCommand.sideNames(side, rows);
    LabelledRecords data = LabelledRecords.read(in, rows, label, positive, names)
        .withFeatures(rows, embedder);
    List<CriticExample> all = data.examples(names);
    List<CriticExample> train = new ArrayList<>();
    List<CriticExample> devSet = new ArrayList<>();
    if (dev != null) {
      train.addAll(all);
      devSet.addAll(LabelledRecords.read(dev, rows, label, positive, names)
          .withFeatures(rows, embedder).examples(names));
    } else {
      Set<String> held = heldOutGroups(data.items(), groupT);
      for (int i = 0; i < all.size(); i++) {
        (held.contains(groupOf(data.items().get(i), groupT, i)) ? devSet : train)
            .add(all.get(i));
      }
    }
    PrintWriter w = spec.commandLine().getOut();
    if (encoder.chosen()) {
      return trainEncoder(train, devSet, names, w);
    }
    double[] best = {Double.NaN, 0}; // dev AP, epoch: the weights training keeps
    // Locked for training and saving: two trainers would interleave their saved files.
    try (FolderLock lock = FolderLock.acquire(out);
        ClassifierCritic critic = ClassifierCritic.train(train, devSet, names,
            network.settings(), embedder, patience, (epoch, loss, ap) -> {
              if (!Double.isNaN(ap) && !(ap <= best[0])) {
                best[0] = ap;
                best[1] = epoch;
              }
              w.printf(Locale.ROOT, "epoch %d  loss %.4f%s%n", epoch, loss,
                  Double.isNaN(ap) ? "" : String.format(Locale.ROOT, "  dev AP %.4f", ap));
              w.flush();
            })) {
      critic.save(out);
      SavedFeatures.write(out, rows.features().stream().map(DerivedFeature::spec).toList());
    }
    w.printf(Locale.ROOT, "trained on %d records (%d accepted)%s; saved to %s%n", train.size(),
        train.stream().filter(CriticExample::accepted).count(), devSet.isEmpty() ? ""
            : String.format(Locale.ROOT, ", dev %d records", devSet.size()), out);
    if (!Double.isNaN(best[0])) {
      w.printf(Locale.ROOT, "kept the weights of epoch %d (dev AP %.4f)%n", (int) best[1],
          best[0]);
    }
    w.flush();
    return 0;
  }

  /** The --encoder path: fine-tunes the cross-encoder and saves it as a Hugging Face folder. */
  private int trainEncoder(List<CriticExample> train, List<CriticExample> devSet,
      List<String> names, PrintWriter w) {
    List<String> side = new ArrayList<>(names);
    rows.features().forEach(f -> side.add(f.spec()));
    EncoderSettings settings = encoder.settings(patience, network.seed, side);
    try (FolderLock lock = FolderLock.acquire(out);
        EncoderCritic critic = EncoderCritic.train(settings, train, devSet,
            EncoderOptions.progress(w))) {
      critic.save(out);
      TuneResult result = critic.training();
      w.printf(Locale.ROOT, "fine-tuned %s on %d records (%d accepted)%s; saved to %s%n",
          settings.base(), train.size(), train.stream().filter(CriticExample::accepted).count(),
          devSet.isEmpty() ? "" : String.format(Locale.ROOT, ", dev %d records; kept epoch %d"
              + " (dev AP %.4f)", devSet.size(), result.bestEpoch(), result.bestScore()), out);
    }
    w.flush();
    return 0;
  }

  private static String groupOf(CriticItem item, String groupT, int index) {
    return groupT == null ? "#" + index : DerivedFeature.fill(groupT, item.columns());
  }

  /** Groups shuffled with the seed, taken until they hold --dev-fraction of the items. */
  private Set<String> heldOutGroups(List<CriticItem> items, String groupT) {
    Set<String> held = new LinkedHashSet<>();
    if (devFraction == 0) {
      return held;
    }
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      groups.add(groupOf(items.get(i), groupT, i));
    }
    java.util.Map<String, Integer> sizes = new java.util.LinkedHashMap<>();
    groups.forEach(g -> sizes.merge(g, 1, Integer::sum));
    List<String> order = new ArrayList<>(sizes.keySet());
    Collections.shuffle(order, new Random(splitSeed));
    long want = Math.round(devFraction * items.size());
    int taken = 0;
    for (String g : order) {
      if (taken >= want) {
        break;
      }
      held.add(g);
      taken += sizes.get(g);
    }
    return held;
  }
}
