package org.distill4j.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.SettingException;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.retrieval.RetrieverSource;
import org.distill4j.training.config.StudentType;
import org.distill4j.training.train.DecoderTraining;
import org.distill4j.training.train.EncoderTraining;
import org.distill4j.training.train.EpochLoop;
import org.distill4j.training.train.GenerativeTraining;
import org.distill4j.training.train.RunReport;
import org.distill4j.training.train.ScorerTraining;

/**
 * The one entry point for training a student: the command line ({@code distill train}) and the
 * pipeline's train stage only turn their flags or YAML into a {@link StudentConfig} (and
 * overrides) and call {@link #train}. Defaults live in {@link StudentConfig}, the run folder's
 * file names in {@link RunFolder}.
 *
 * <p>From Java, a small Transformer trained from scratch on a corpus of records:
 *
 * <pre>{@code
 * StudentConfig config = StudentConfig.builder(Path.of("runs/atomic/filtered/kept.jsonl"),
 *         Path.of("runs/atomic/student"))
 *     .epochs(8).device("cpu")
 *     .build();
 * RunReport report = Training.train(config, System.out::println);
 * Path model = Training.bestCheckpoint(config);   // the checkpoint with the best dev loss
 * }</pre>
 *
 * <p>A run killed part way resumes from its last checkpoint when {@link #train} is called again
 * with the same config. Per-epoch metrics are in {@value RunFolder#METRICS}, the final report
 * in {@value RunFolder#REPORT}.
 */
public final class Training {
  /** The stage's own name for the epoch-count override (a flag or a key in each front end). */
  public static final String EPOCHS = "epochs";

  private Training() {}

  /**
   * {@code config} with its epoch count replaced; {@code epochs} null keeps the config's.
   *
   * @throws SettingException naming {@value #EPOCHS} when the count is below 1
   */
  public static StudentConfig withEpochs(StudentConfig config, Integer epochs) {
    if (epochs == null) {
      return config;
    }
    if (epochs < 1) {
      throw new SettingException(EPOCHS, "{setting} must be at least 1, found " + epochs);
    }
    return config.withEpochs(epochs);
  }

  /**
   * Trains (or resumes after a kill) the student {@code config} describes, writing checkpoints,
   * {@value RunFolder#METRICS} and {@value RunFolder#REPORT} into {@code config.out()}.
   *
   * @param retrievers opens the knowledge base when the config has retrieval
   * @param log progress lines
   * @throws org.distill4j.core.io.InputException when the training corpus is missing or empty
   */
  public static RunReport train(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log) throws IOException {
    JsonLinesReader.requireRecords(config.train());
    return switch (config.student()) {
      case SCORER -> ScorerTraining.run(config, retrievers, log);
      case GENERATIVE -> GenerativeTraining.run(config, retrievers, log);
      case ENCODER -> EncoderTraining.run(config, retrievers, log);
      case DECODER -> DecoderTraining.run(config, retrievers, log);
    };
  }

  /**
   * Trains (or resumes) a student without retrieval augmentation, as {@link
   * #train(StudentConfig, RetrieverSource, Consumer)}; a config with a {@code retrieval} section
   * needs that method and a source of retrievers (the knowledge base's).
   */
  public static RunReport train(StudentConfig config, Consumer<String> log) throws IOException {
    return train(config, RetrieverSource.none(), log);
  }

  /**
   * What {@code distill eval} scores by default: the encoder or decoder student's final model
   * folder, or
   * the other students' best checkpoint; null when the run has not written one yet.
   */
  public static Path bestCheckpoint(StudentConfig config) throws IOException {
    if (config.student() == StudentType.ENCODER || config.student() == StudentType.DECODER) {
      Path model = RunFolder.model(config.out());
      return Files.isDirectory(model) ? model : null;
    }
    return EpochLoop.bestCheckpoint(config.out());
  }

  /** Where {@link #train} writes the final report for {@code config}. */
  public static Path reportFile(StudentConfig config) {
    return RunFolder.report(config.out());
  }
}
