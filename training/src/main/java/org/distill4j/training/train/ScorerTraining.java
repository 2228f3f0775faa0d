package org.distill4j.training.train;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.neural.MiniLm;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.device.DeviceChoice;
import org.distill4j.training.model.ScorerStudent;
import org.distill4j.training.retrieval.RetrieverSource;

/** Runs a scorer student's training from a config. */
public final class ScorerTraining {
  static final String SETTINGS_FILE = "scorer-settings.json";

  private ScorerTraining() {}

  /** Trains (or resumes) with the in-process all-MiniLM-L6-v2 encoder. */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log) throws IOException {
    return run(config, retrievers, MiniLm.memoizing(), MiniLm.DIMENSION,
        log, epoch -> { });
  }

  /** Trains (or resumes) with {@code encoder}. */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      TextEmbedder encoder, int dimension, Consumer<String> log,
      Consumer<Integer> afterEpoch) throws IOException {
    Device device = DeviceChoice.parse(config.device()).resolve();
    DeviceChoice.seedEngine(config.seed());
    boolean choice = config.scorer().task().equals("choice");
    RunData data = RunData.prepare(config, choice, !choice, retrievers);
    if (choice) {
      requireAnswerAmongChoices(data.train(), config.train());
      requireAnswerAmongChoices(data.dev(), config.dev() == null ? config.train() : config.dev());
    }
    Files.createDirectories(config.out());
    log.accept("embedding " + data.train().size() + " train and " + data.dev().size()
        + " dev examples");
    StudentConfig.ScorerSettings s = config.scorer();
    try (ScorerStudent student =
        ScorerStudent.create(encoder, dimension, s.hidden(), s.dropout(), device);
        ScorerWork work = new ScorerWork(student, choice, data.train(), data.dev(), config)) {
      EpochLoop.Work withSettings = new EpochLoop.Work() {
        @Override
        public EpochLoop.TrainResult trainEpoch(int epoch, java.util.Random random) {
          return work.trainEpoch(epoch, random);
        }

        @Override
        public EpochLoop.DevResult dev() {
          return work.dev();
        }

        @Override
        public void save(Path dir) throws IOException {
          work.save(dir);
          CorpusJson.json().writeValue(dir.resolve(SETTINGS_FILE).toFile(),
              new SavedSettings(s.task(), s.hidden(), s.dropout(), dimension));
        }

        @Override
        public void load(Path dir) throws IOException {
          work.load(dir);
        }
      };
      return EpochLoop.run(config, withSettings,
          new EpochLoop.Counts(data.train().size(), data.dev().size(), data.skippedRejected()),
          log, afterEpoch);
    }
  }

  /** What a scorer checkpoint needs to be rebuilt. */
  public record SavedSettings(String task, int hidden, float dropout, int dimension) {}

  /** Loads a scorer checkpoint with {@code encoder}. */
  public static ScorerStudent loadCheckpoint(Path checkpoint, TextEmbedder encoder,
      Device device) throws IOException {
    Path file = checkpoint.resolve(SETTINGS_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(checkpoint, 0),
          "not a scorer checkpoint (no " + SETTINGS_FILE + ")");
    }
    SavedSettings saved = CorpusJson.json().readValue(file.toFile(), SavedSettings.class);
    return ScorerStudent.load(checkpoint, encoder, saved.dimension(), saved.hidden(),
        saved.dropout(), device);
  }

  static void requireAnswerAmongChoices(List<TrainingExample> examples, Path file) {
    for (TrainingExample e : examples) {
      if (e.targetIndex() < 0) {
        throw new InputException(new SourceLocation(file, 0), "record " + e.id()
            + ": answer \"" + e.target() + "\" is not one of its choices " + e.choices());
      }
    }
  }
}
