package org.distill4j.training.train;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.distill4j.core.io.InputException;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.bert.LoraSettings;
import org.distill4j.neural.device.Precision;
import org.distill4j.neural.tune.ChoiceQuestion;
import org.distill4j.neural.tune.ChoiceTask;
import org.distill4j.neural.tune.ClassificationTask;
import org.distill4j.neural.tune.FineTuner;
import org.distill4j.neural.tune.LabelledText;
import org.distill4j.neural.tune.TuneCheckpoint;
import org.distill4j.neural.tune.TuneResult;
import org.distill4j.neural.tune.TuneSettings;
import org.distill4j.training.config.EncoderSettings;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.device.DeviceChoice;
import org.distill4j.training.retrieval.RetrieverSource;

/**
 * Runs the encoder student's training from a config: the pretrained encoder in {@code base} with
 * a fresh multiple-choice or (rejected, kept) head, fine-tuned by neural's {@link FineTuner} on
 * the pairs {@link EncoderInputs} makes. The fine-tuner's checkpoints live in the run folder's
 * {@value RunFolder#CHECKPOINTS}, so a killed run rerun with the same config resumes after the
 * last finished epoch; the best epoch's weights end up in {@value RunFolder#MODEL} as a Hugging
 * Face folder, beside {@value RunFolder#METRICS} and {@value RunFolder#REPORT} in the shape the
 * other students write. The best epoch is the one with the best dev metric (accuracy for choice,
 * average precision for validity), not the lowest dev loss as for the other students: that is
 * what the fine-tuner stops early on.
 */
public final class EncoderTraining {
  private static final List<String> NOT_RESTORED = List.of(
      "a kill in the middle of an epoch loses that epoch's progress: the run restarts it from"
          + " the last end-of-epoch checkpoint",
      "dropout's random generator is seeded once per invocation rather than restored, so a"
          + " resumed run with dropout does not repeat the uninterrupted run exactly",
      "a resume needs the same settings and data (epochs included): the checkpoint records"
          + " them and refuses others");
  private static final String MAKE_BASE =
      "`distill model import-onnx --builtin all-minilm-l6-v2 --out DIR` makes one";

  private EncoderTraining() {}

  /** Trains (or resumes) the run {@code config} describes. */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log) throws IOException {
    return run(config, retrievers, log, step -> { });
  }

  /**
   * As {@link #run(StudentConfig, RetrieverSource, Consumer)}; {@code afterStep} is called after
   * each optimiser step with its number (tests stop a run there the way a kill would).
   */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log, IntConsumer afterStep) throws IOException {
    requireBase(config.base());
    Device device = DeviceChoice.parse(config.device()).resolve();
    boolean choice = config.scorer().task().equals("choice");
    // Facts go into each candidate's own pair (EncoderInputs), not before the question as
    // RunData would put them for the other students.
    RunData data = RunData.prepare(config.withRetrieval(null), choice, !choice, retrievers);
    if (choice) {
      ScorerTraining.requireAnswerAmongChoices(data.train(), config.train());
      ScorerTraining.requireAnswerAmongChoices(data.dev(),
          config.dev() == null ? config.train() : config.dev());
    }
    EncoderInputs inputs = EncoderInputs.of(config, retrievers);
    if (inputs.retrieves()) {
      log.accept("retrieving " + config.retrieval().k() + " facts for each "
          + (choice ? "question and choice" : "record"));
    }
    Files.createDirectories(config.out());
    Run run = new Run(config, new EpochLoop.Counts(data.train().size(), data.dev().size(),
        data.skippedRejected()), log, afterStep, device);
    if (choice) {
      MeasuredTask<ChoiceQuestion> task = new MeasuredTask<>(
          new ChoiceTask(EncoderScores.BATCH), EncoderScores::choice, EncoderScores::accuracy,
          "accuracy");
      return run.tune(BertHead.multipleChoice(), task, inputs.questions(data.train()),
          inputs.questions(data.dev()));
    }
    List<LabelledText> train = inputs.labelled(data.train());
    double[] weights = config.encoder().balanced()
        ? ClassificationTask.balancedWeights(train, 2) : null;
    MeasuredTask<LabelledText> task = new MeasuredTask<>(
        new ClassificationTask(weights, EncoderScores.BATCH), EncoderScores::validity,
        EncoderScores::averagePrecision, "average_precision");
    return run.tune(BertHead.binary("rejected", "kept"), task, train,
        inputs.labelled(data.dev()));
  }

  /** @throws InputException naming {@code base} when it is not a folder */
  static void requireBase(Path base) {
    if (!Files.isDirectory(base)) {
      throw new InputException("field \"base\": " + base + " is not a folder; it must be a"
          + " pretrained BERT-family folder (config.json, model.safetensors, tokenizer.json); "
          + MAKE_BASE);
    }
  }

  /** The fine-tuner's settings from the config's shared and encoder settings. */
  static TuneSettings settings(StudentConfig config) {
    EncoderSettings e = config.encoder();
    return new TuneSettings(config.epochs(), config.batchSize(), e.accumulation(),
        config.learningRate(), e.weightDecay(), e.warmupFraction(), e.clipNorm(),
        config.patience(), config.seed());
  }

  private static LoraSettings lora(EncoderSettings e) {
    return e.lora() == null ? null
        : LoraSettings.queryValue(e.lora().rank(), e.lora().alpha());
  }

  /** One run's fixed parts. */
  private record Run(StudentConfig config, EpochLoop.Counts counts, Consumer<String> log,
      IntConsumer afterStep, Device device) {

    <E> RunReport tune(BertHead head, MeasuredTask<E> task, List<E> train, List<E> dev)
        throws IOException {
      Path out = config.out();
      Path checkpoints = RunFolder.checkpoints(out);
      TuneCheckpoint.State saved = new TuneCheckpoint(checkpoints).read();
      EncoderRunLog runLog = EncoderRunLog.open(out, saved,
          () -> new DevMeasure(task.last().loss(), Double.NaN), task.scoreName(), log,
          afterStep);
      EncoderSettings e = config.encoder();
      log.accept("fine-tuning " + config.base() + " on " + train.size() + " train and "
          + dev.size() + " dev examples (max " + e.maxTokens() + " tokens, learning rate "
          + config.learningRate() + (e.lora() == null ? "" : ", LoRA rank " + e.lora().rank())
          + ")");
      try (BertClassifier model = BertClassifier.create(config.base(), head, lora(e),
          e.maxTokens(), config.seed(), device)) {
        model.setScoringType(Precision.parse(e.precision()).resolve(device));
        TuneResult result = new FineTuner<>(model, task, settings(config), runLog)
            .run(train, dev, checkpoints);
        Path modelDir = save(model, out);
        List<EpochMetrics> history = runLog.history();
        EpochMetrics best = history.stream().filter(m -> m.epoch() == result.bestEpoch())
            .findFirst().orElse(null);
        RunReport report = new RunReport(config.student().configName(), counts.train(),
            counts.dev(), counts.skippedRejected(), result.history().size(),
            saved == null ? 0 : saved.epochsDone(), result.bestEpoch(),
            best == null ? Double.NaN : best.devLoss(), task.scoreName(), result.bestScore(),
            result.stoppedEarly(), modelDir.toString(), NOT_RESTORED, history);
        org.distill4j.core.io.CorpusJson.json().writerWithDefaultPrettyPrinter()
            .writeValue(RunFolder.report(out).toFile(), report);
        log.accept("best epoch " + result.bestEpoch() + " (dev " + task.scoreName() + " "
            + result.bestScore() + ") saved to " + modelDir);
        return report;
      }
    }

    /** Writes the model beside the run's other files, replacing an older one only whole. */
    private static Path save(BertClassifier model, Path out) throws IOException {
      Path target = RunFolder.model(out);
      EpochLoop.replaceFolder(target, model::save);
      return target;
    }
  }
}
