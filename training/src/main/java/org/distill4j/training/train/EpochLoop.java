package org.distill4j.training.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.device.DeviceChoice;

/**
 * The epoch loop shared by every student: seeds, checkpoints, resume, metrics and early stopping.
 * The student-specific part is a {@link Work}.
 *
 * <p>Each epoch starts by re-seeding the engine and the shuffler from the run seed and the epoch
 * number, so an epoch's randomness does not depend on what ran before it in this process. With the
 * optimizer state saved beside the parameters, a run killed after epoch N and resumed repeats the
 * losses of an uninterrupted run. A checkpoint is written to a temporary folder and renamed into
 * place, so a kill mid-write leaves the previous checkpoint as the latest.
 */
public final class EpochLoop {
  static final String STATE = "state.json";
  private static final List<String> NOT_RESTORED = List.of(
      "a kill in the middle of an epoch loses that epoch's progress: the run restarts it from"
          + " the last end-of-epoch checkpoint",
      "the engine's random generator is re-seeded per epoch rather than restored, so results"
          + " repeat only on the same engine, device and thread count");

  /** The student-specific part of a run. */
  public interface Work {
    /** Trains one epoch over the examples in the order {@code random} shuffles them. */
    TrainResult trainEpoch(int epoch, Random random);

    /** Loss and metric on the dev set. */
    DevResult dev();

    /** Writes parameters and optimizer state into {@code dir}. */
    void save(Path dir) throws IOException;

    /** Reads what {@link #save} wrote. */
    void load(Path dir) throws IOException;
  }

  /** What one training epoch did: mean loss, units processed per second, and the KD share. */
  public record TrainResult(double loss, double unitsPerSecond, Double kdShare) {}

  /** Dev loss and metric. */
  public record DevResult(double loss, String metric, double value) {}

  /** What a checkpoint remembers besides parameters. */
  record State(int epoch, @JsonProperty("best_epoch") int bestEpoch,
      @JsonProperty("best_dev_loss") double bestDevLoss,
      @JsonProperty("since_best") int sinceBest, List<EpochMetrics> history) {}

  private EpochLoop() {}

  /**
   * Runs {@code work} to the end of {@code config}'s epochs or early stopping, resuming from the
   * latest checkpoint in the run folder when there is one.
   *
   * @param afterEpoch called after each epoch's checkpoint with its number (tests use it to stop a
   *     run the way a kill would)
   */
  public static RunReport run(StudentConfig config, Work work, Counts counts,
      Consumer<String> log, Consumer<Integer> afterEpoch) throws IOException {
    Path out = config.out();
    Path checkpoints = RunFolder.checkpoints(out);
    Files.createDirectories(checkpoints);
    State state = resume(checkpoints, work, log);
    int resumedFrom = state.epoch();
    // Lines of an epoch that did not reach its checkpoint are dropped by rewriting from state.
    try (JsonLinesWriter<EpochMetrics> metrics = JsonLinesWriter.overwrite(RunFolder.metrics(out))) {
      for (EpochMetrics m : state.history()) {
        metrics.write(m);
      }
      metrics.flush();
    }
    boolean stopped = config.patience() > 0 && state.sinceBest() >= config.patience();
    while (!stopped && state.epoch() < config.epochs()) {
      state = epoch(config, work, state, log);
      afterEpoch.accept(state.epoch());
      stopped = config.patience() > 0 && state.sinceBest() >= config.patience();
    }
    return report(config, counts, state, resumedFrom, stopped);
  }

  /** The state of the latest checkpoint, loaded into {@code work}; a fresh one when none. */
  private static State resume(Path checkpoints, Work work, Consumer<String> log)
      throws IOException {
    Path latest = latestCheckpoint(checkpoints);
    if (latest == null) {
      return new State(0, 0, Double.POSITIVE_INFINITY, 0, List.of());
    }
    State state = CorpusJson.json().readValue(latest.resolve(STATE).toFile(), State.class);
    work.load(latest);
    log.accept("resuming after epoch " + state.epoch() + " from " + latest);
    return state;
  }

  /** Trains and evaluates the next epoch, then writes its checkpoint and metrics line. */
  private static State epoch(StudentConfig config, Work work, State state, Consumer<String> log)
      throws IOException {
    int epoch = state.epoch() + 1;
    long epochSeed = DeviceChoice.epochSeed(config.seed(), epoch);
    DeviceChoice.seedEngine(epochSeed);
    long start = System.nanoTime();
    TrainResult train = work.trainEpoch(epoch, new Random(epochSeed));
    DevResult dev = work.dev();
    double seconds = (System.nanoTime() - start) / 1e9;
    EpochMetrics m = new EpochMetrics(epoch, train.loss(), dev.loss(), dev.metric(),
        dev.value(), train.unitsPerSecond(), seconds, train.kdShare());
    boolean better = dev.loss() < state.bestDevLoss();
    List<EpochMetrics> history = new ArrayList<>(state.history());
    history.add(m);
    State next = new State(epoch, better ? epoch : state.bestEpoch(),
        better ? dev.loss() : state.bestDevLoss(), better ? 0 : state.sinceBest() + 1,
        List.copyOf(history));
    writeCheckpoint(RunFolder.checkpoints(config.out()), work, next);
    try (JsonLinesWriter<EpochMetrics> metrics =
        JsonLinesWriter.append(RunFolder.metrics(config.out()))) {
      metrics.write(m);
      metrics.flush();
    }
    log.accept(String.format(java.util.Locale.ROOT,
        "epoch %d: loss %.4f, dev loss %.4f, dev %s %.4f, %.0f tokens/s, %.1f s", epoch,
        train.loss(), dev.loss(), dev.metric(), dev.value(), train.unitsPerSecond(), seconds));
    return next;
  }

  /** Writes {@link RunFolder#REPORT} for the final state and returns it. */
  private static RunReport report(StudentConfig config, Counts counts, State state,
      int resumedFrom, boolean stopped) throws IOException {
    int bestEpoch = state.bestEpoch();
    EpochMetrics best = state.history().stream().filter(h -> h.epoch() == bestEpoch)
        .findFirst().orElse(null);
    RunReport report = new RunReport(config.student().configName(), counts.train(), counts.dev(),
        counts.skippedRejected(), state.epoch(), resumedFrom, state.bestEpoch(),
        state.bestDevLoss(), best == null ? null : best.metric(),
        best == null ? Double.NaN : best.devMetric(), stopped,
        checkpointDir(RunFolder.checkpoints(config.out()), state.bestEpoch()).toString(),
        NOT_RESTORED, state.history());
    CorpusJson.json().writerWithDefaultPrettyPrinter()
        .writeValue(RunFolder.report(config.out()).toFile(), report);
    return report;
  }

  /** Example counts for the report. */
  public record Counts(int train, int dev, long skippedRejected) {}

  /** The folder of epoch {@code epoch}'s checkpoint. */
  public static Path checkpointDir(Path checkpoints, int epoch) {
    return checkpoints.resolve(String.format(java.util.Locale.ROOT, "epoch-%04d", epoch));
  }

  /** The most recent complete checkpoint, or null. */
  public static Path latestCheckpoint(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(checkpoints)) {
      return dirs.filter(d -> d.getFileName().toString().matches("epoch-\\d{4}"))
          .filter(d -> Files.isRegularFile(d.resolve(STATE)))
          .max(Comparator.comparing(d -> d.getFileName().toString()))
          .orElse(null);
    }
  }

  /** The best checkpoint named by a finished run's report. */
  public static Path bestCheckpoint(Path runDir) throws IOException {
    Path latest = latestCheckpoint(RunFolder.checkpoints(runDir));
    if (latest == null) {
      return null;
    }
    State state = CorpusJson.json().readValue(latest.resolve(STATE).toFile(), State.class);
    return checkpointDir(RunFolder.checkpoints(runDir), state.bestEpoch());
  }

  private static void writeCheckpoint(Path checkpoints, Work work, State state)
      throws IOException {
    Path target = checkpointDir(checkpoints, state.epoch());
    Path tmp = checkpoints.resolve(target.getFileName() + ".tmp");
    deleteTree(tmp);
    Files.createDirectories(tmp);
    work.save(tmp);
    CorpusJson.json().writeValue(tmp.resolve(STATE).toFile(), state);
    deleteTree(target);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    // Keep the newest (to resume) and the best (to use); older ones only take disk.
    try (Stream<Path> dirs = Files.list(checkpoints)) {
      for (Path d : dirs.toList()) {
        if (!d.equals(target) && !d.equals(checkpointDir(checkpoints, state.bestEpoch()))) {
          deleteTree(d);
        }
      }
    }
  }

  /** Writes a folder's contents. */
  interface FolderWriter {
    void write(Path folder) throws IOException;
  }

  /**
   * Writes {@code target} through {@code writer} into a sibling {@code .tmp} folder, then swaps
   * it in, so an older folder is replaced only by a whole new one.
   */
  static void replaceFolder(Path target, FolderWriter writer) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    deleteTree(tmp);
    writer.write(Files.createDirectories(tmp));
    deleteTree(target);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
