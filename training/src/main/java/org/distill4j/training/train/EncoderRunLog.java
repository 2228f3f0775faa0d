package org.distill4j.training.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.neural.tune.EpochReport;
import org.distill4j.neural.tune.TuneCheckpoint;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.training.config.RunFolder;

/**
 * Keeps a fine-tuned student's (encoder or decoder) {@code metrics.jsonl} in the shape the other students write, from
 * the fine-tuner's progress. An epoch's line is written when the fine-tuner reports the epoch,
 * just before it commits that epoch's checkpoint; so a run killed in between leaves a line for
 * an epoch it will repeat, and {@link #open} drops every line past the last committed epoch.
 */
final class EncoderRunLog implements TuneListener {
  private static final int LOG_EVERY_STEPS = 50;
  private final Path metricsFile;
  private final Supplier<DevMeasure> devScores;
  private final String metric;
  private final Consumer<String> log;
  private final IntConsumer afterStep;
  private final List<EpochMetrics> history;
  private long epochStart = System.nanoTime();

  private EncoderRunLog(Path out, List<EpochMetrics> history, Supplier<DevMeasure> devScores,
      String metric, Consumer<String> log, IntConsumer afterStep) {
    this.metricsFile = RunFolder.metrics(out);
    this.history = new ArrayList<>(history);
    this.devScores = devScores;
    this.metric = metric;
    this.log = log;
    this.afterStep = afterStep;
  }

  /**
   * The log of the run in {@code out}: the metrics of the epochs the checkpoint folder has
   * committed are kept (rewritten), any others dropped.
   *
   * @param devScores the dev loss (and the metric, when it is not the fine-tuner's own score)
   *     of the epoch just reported
   * @param afterStep called after each optimiser step (tests stop a run there as a kill would)
   */
  static EncoderRunLog open(Path out, TuneCheckpoint.State state,
      Supplier<DevMeasure> devScores, String metric, Consumer<String> log,
      IntConsumer afterStep) throws IOException {
    int done = state == null ? 0 : state.epochsDone();
    List<EpochMetrics> kept = new ArrayList<>();
    for (EpochMetrics m : read(RunFolder.metrics(out))) {
      if (m.epoch() == kept.size() + 1 && m.epoch() <= done) {
        kept.add(m);
      }
    }
    // A metrics file deleted or cut by hand: the checkpoint still knows losses and dev scores.
    for (int epoch = kept.size() + 1; epoch <= done; epoch++) {
      EpochReport r = state.history().get(epoch - 1);
      kept.add(new EpochMetrics(epoch, r.loss(), Double.NaN, metric, r.devScore(),
          r.tokensPerSecond(), Double.NaN, null));
    }
    try (JsonLinesWriter<EpochMetrics> w = JsonLinesWriter.overwrite(RunFolder.metrics(out))) {
      kept.forEach(w::write);
      w.flush();
    }
    return new EncoderRunLog(out, kept, devScores, metric, log, afterStep);
  }

  private static List<EpochMetrics> read(Path file) throws IOException {
    List<EpochMetrics> out = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    for (String line : Files.readAllLines(file)) {
      try {
        out.add(CorpusJson.json().readValue(line, EpochMetrics.class));
      } catch (IOException e) {
        // A line cut by a kill mid-write: that epoch is repeated anyway.
      }
    }
    return out;
  }

  /** Every epoch's metrics so far, resumed ones included. */
  List<EpochMetrics> history() {
    return List.copyOf(history);
  }

  @Override
  public void resumed(int epochsDone) {
    log.accept("resuming after epoch " + epochsDone + " from " + metricsFile.resolveSibling(
        RunFolder.CHECKPOINTS));
    epochStart = System.nanoTime();
  }

  @Override
  public void step(int step, int total, double loss) {
    if (step % LOG_EVERY_STEPS == 0) {
      log.accept(String.format(Locale.ROOT, "step %d/%d: loss %.4f", step, total, loss));
    }
    afterStep.accept(step);
  }

  @Override
  public void epoch(EpochReport report, boolean best) {
    double seconds = (System.nanoTime() - epochStart) / 1e9;
    DevMeasure dev = devScores.get();
    EpochMetrics m = new EpochMetrics(report.epoch(), report.loss(), dev.loss(), metric,
        Double.isNaN(dev.metric()) ? report.devScore() : dev.metric(), report.tokensPerSecond(),
        seconds, null);
    history.add(m);
    try (JsonLinesWriter<EpochMetrics> w = JsonLinesWriter.append(metricsFile)) {
      w.write(m);
      w.flush();
    }
    log.accept(String.format(Locale.ROOT,
        "epoch %d: loss %.4f, dev loss %.4f, dev %s %.4f%s, %.0f tokens/s, %.1f s", m.epoch(),
        m.loss(), m.devLoss(), metric, m.devMetric(), best ? " (best)" : "",
        m.tokensPerSecond(), seconds));
    epochStart = System.nanoTime();
  }
}
