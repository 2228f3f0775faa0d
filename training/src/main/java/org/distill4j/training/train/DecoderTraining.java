package org.distill4j.training.train;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.IntConsumer;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.neural.decoder.Architecture;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.DecoderFolder;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.DecoderLora;
import org.distill4j.neural.decoder.chat.PackedRow;
import org.distill4j.neural.decoder.train.CausalLmTask;
import org.distill4j.neural.tune.EpochReport;
import org.distill4j.neural.tune.FineTuner;
import org.distill4j.neural.tune.TuneCheckpoint;
import org.distill4j.neural.tune.TuneResult;
import org.distill4j.neural.tune.TuneListener;
import org.distill4j.neural.tune.TuneSettings;
import org.distill4j.neural.tune.TuneTask;
import org.distill4j.training.config.DecoderSettings;
import org.distill4j.training.config.RunFolder;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.device.DeviceChoice;
import org.distill4j.training.eval.GenerationScores;
import org.distill4j.training.retrieval.RetrieverSource;

/**
 * Runs the decoder student's training from a config: the pretrained decoder in {@code base},
 * fully or with LoRA adapters, fine-tuned by neural's {@link FineTuner} on the examples as chats
 * ({@link DecoderChats}). Checkpoints live in {@value RunFolder#CHECKPOINTS} (a killed run rerun
 * with the same config resumes after the last finished epoch); the best epoch (lowest dev loss)
 * is saved as a merged Hugging Face folder in {@value RunFolder#MODEL}, and with adapters also as
 * a PEFT adapter folder in {@value #ADAPTER}, beside {@value RunFolder#METRICS} and
 * {@value RunFolder#REPORT}.
 */
public final class DecoderTraining {
  /** The PEFT adapter folder in the run folder. */
  public static final String ADAPTER = "adapter";
  private static final List<String> NOT_RESTORED = List.of(
      "a kill in the middle of an epoch loses that epoch's progress: the run restarts it from"
          + " the last end-of-epoch checkpoint",
      "a resume needs the same settings and data (epochs included): the checkpoint records"
          + " them and refuses others");

  private DecoderTraining() {}

  /** Trains (or resumes) the run {@code config} describes. */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log) throws IOException {
    return run(config, retrievers, log, step -> { });
  }

  /** As above; {@code afterStep} is called after each optimiser step with its number. */
  public static RunReport run(StudentConfig config, RetrieverSource retrievers,
      Consumer<String> log, IntConsumer afterStep) throws IOException {
    Path base = config.base();
    if (!Files.isDirectory(base)) {
      throw new InputException("field \"base\": " + base + " is not a folder; it must be a"
          + " pretrained decoder LM folder (config.json, model.safetensors, tokenizer.json)");
    }
    Device device = DeviceChoice.parse(config.device()).resolve();
    DeviceChoice.seedEngine(config.seed());
    RunData data = RunData.prepare(config, false, false, retrievers);
    DecoderSettings settings = config.decoder();
    Path out = Files.createDirectories(config.out());
    Path checkpoints = RunFolder.checkpoints(out);
    try (DecoderChats chats = DecoderChats.open(base, settings);
        DecoderLm model = DecoderLm.load(base, lora(settings, base), device, config.seed())) {
      log.accept("fine-tuning " + base + " (" + model.describe() + ") on " + data.train().size()
          + " train and " + data.dev().size() + " dev examples as chats in "
          + chats.templateOrigin());
      if (model.config().architecture() == org.distill4j.neural.decoder.Architecture.GPT2
          && settings.maxTokens() > model.config().maxPositions()) {
        throw new InputException("field \"decoder.max_tokens\" is " + settings.maxTokens()
            + " but the GPT-2 base " + base + " has only " + model.config().maxPositions()
            + " positions (n_positions); lower it");
      }
      Map<String, List<String>> references = GenerationScores.referencesByInput(data.dev(),
          config.evaluation().limit());
      TuneCheckpoint.State saved = new TuneCheckpoint(checkpoints).read();
      Tuning tuning = new Tuning(config, model, chats, references, saved, out, log, afterStep);
      List<PackedRow> dev = chats.rows(data.dev(), log);
      Tuned tuned;
      if (settings.distillation() == null) {
        tuned = tuning.run(new CausalLmTask(8), chats.rows(data.train(), log), dev, null);
      } else {
        tuned = distil(tuning, data, dev);
      }
      TuneResult result = tuned.result();
      Path modelDir = save(model, out, base);
      List<EpochMetrics> history = tuned.history();
      EpochMetrics best = history.stream().filter(m -> m.epoch() == result.bestEpoch())
          .findFirst().orElse(null);
      RunReport report = new RunReport(config.student().configName(), data.train().size(),
          data.dev().size(), data.skippedRejected(), result.history().size(),
          saved == null ? 0 : saved.epochsDone(), result.bestEpoch(),
          best == null ? Double.NaN : best.devLoss(), "exact_match",
          best == null ? Double.NaN : best.devMetric(), result.stoppedEarly(),
          modelDir.toString(), NOT_RESTORED, history);
      CorpusJson.json().writerWithDefaultPrettyPrinter()
          .writeValue(RunFolder.report(out).toFile(), report);
      log.accept("best epoch " + result.bestEpoch() + " saved to " + modelDir);
      return report;
    }
  }

  /**
   * Exact match and BLEU-2 of the model in {@code model}'s replies ({@code decoding}) to the
   * first {@code limit} distinct inputs of {@code examples}, prompted as in training.
   */
  public static GenerationScores decode(Path model, DecoderSettings settings, Device device,
      List<org.distill4j.training.data.TrainingExample> examples, int limit,
      org.distill4j.neural.decoder.GenerationSettings decoding) throws IOException {
    Map<String, List<String>> references = GenerationScores.referencesByInput(examples, limit);
    List<String> inputs = new java.util.ArrayList<>(references.keySet());
    return GenerationScores.score(references, replies(model, settings, device, inputs, decoding));
  }

  /**
   * Fine-tunes with the teacher's top-k log-probabilities (decoder.distillation); dev keeps its
   * packed rows, since it is scored by the NLL alone.
   */
  private static Tuned distil(Tuning tuning, RunData data, List<PackedRow> dev)
      throws IOException {
    StudentConfig config = tuning.config();
    DecoderSettings.Distillation distillation = config.decoder().distillation();
    TeacherTargets teacher = TeacherTargets.open(distillation.file(config.train()),
        config.base().resolve("tokenizer.json"), config.train());
    teacher.requireSameTokenizer(data.train());
    DistilledLmTask objective = new DistilledLmTask(distillation.settings(), teacher);
    List<DistilledRow> train = teacher.rows(tuning.chats().encode(data.train(), tuning.log()),
        tuning.chats(), tuning.log());
    return tuning.run(objective, train,
        dev.stream().map(r -> new DistilledRow(r, null)).toList(), objective::setProgress);
  }

  /** A finished fine-tuning: its result and its per-epoch metrics. */
  private record Tuned(TuneResult result, List<EpochMetrics> history) {}

  /** What one fine-tuning needs besides its objective and rows. */
  private record Tuning(StudentConfig config, DecoderLm model, DecoderChats chats,
      Map<String, List<String>> references, TuneCheckpoint.State saved, Path out,
      Consumer<String> log, IntConsumer afterStep) {

    /**
     * Fine-tunes on {@code objective}; {@code progress} (may be null) hears the share of
     * optimiser steps done, for schedules inside the loss (TAID).
     */
    <E> Tuned run(TuneTask<DecoderLm, E> objective, List<E> train, List<E> dev,
        DoubleConsumer progress) throws IOException {
      DecoderTask<E> task = new DecoderTask<>(objective, chats, references,
          config.evaluation().maxNewTokens());
      EncoderRunLog runLog = EncoderRunLog.open(out, saved, task::last, "exact_match", log,
          afterStep);
      TuneListener listener = progress == null ? runLog : new TuneListener() {
        @Override
        public void step(int step, int total, double loss) {
          progress.accept(step / (double) total);
          runLog.step(step, total, loss);
        }

        @Override
        public void epoch(EpochReport report, boolean best) {
          runLog.epoch(report, best);
        }

        @Override
        public void resumed(int epochsDone) {
          progress.accept(epochsDone / (double) config.epochs());
          runLog.resumed(epochsDone);
        }
      };
      DecoderSettings settings = config.decoder();
      TuneResult result = new FineTuner<>(model, task, settings(config), listener)
          .freezingLowest(settings.lora() == null ? settings.freezeLayers() : 0)
          .run(train, dev, RunFolder.checkpoints(out));
      return new Tuned(result, runLog.history());
    }
  }

  /** The model in {@code model}'s replies to {@code inputs}, prompted as in training. */
  public static List<String> replies(Path model, DecoderSettings settings, Device device,
      List<String> inputs, org.distill4j.neural.decoder.GenerationSettings decoding)
      throws IOException {
    try (DecoderChats chats = DecoderChats.open(model, settings);
        DecoderLm lm = DecoderLm.load(model, null, device, 0)) {
      return chats.replies(lm, inputs, decoding);
    }
  }

  /**
   * For each question, the index of the option the model in {@code model} finds most likely
   * after the prompt and that question's reply prefix (summed token log-probabilities).
   */
  public static int[] likeliestOptions(Path model, DecoderSettings settings, Device device,
      List<String> inputs, List<String> prefixes, List<List<String>> options)
      throws IOException {
    int[] out = new int[inputs.size()];
    try (DecoderChats chats = DecoderChats.open(model, settings);
        DecoderLm lm = DecoderLm.load(model, null, device, 0)) {
      for (int i = 0; i < out.length; i++) {
        double[] scores = chats.optionLogProbabilities(lm, inputs.get(i), prefixes.get(i),
            options.get(i));
        for (int o = 1; o < scores.length; o++) {
          out[i] = scores[o] > scores[out[i]] ? o : out[i];
        }
      }
    }
    return out;
  }

  static TuneSettings settings(StudentConfig config) {
    DecoderSettings d = config.decoder();
    return new TuneSettings(config.epochs(), config.batchSize(), d.accumulation(),
        config.learningRate(), d.weightDecay(), d.warmupFraction(), d.clipNorm(),
        config.patience(), config.seed());
  }

  /** The adapters the settings ask for, with the architecture's attention modules by default. */
  static DecoderLora lora(DecoderSettings settings, Path base) throws IOException {
    DecoderSettings.Lora l = settings.lora();
    if (l == null) {
      return null;
    }
    List<String> targets = l.targets() != null ? l.targets()
        : DecoderConfig.read(base).architecture() == Architecture.GPT2
            ? List.of("c_attn", "c_proj")
            : List.of("q_proj", "k_proj", "v_proj", "o_proj");
    return new DecoderLora(l.rank(), l.alpha(), l.dropout(), targets);
  }

  /** Writes the merged model (and the adapter), replacing older ones only whole. */
  private static Path save(DecoderLm model, Path out, Path base) throws IOException {
    Path target = RunFolder.model(out);
    EpochLoop.replaceFolder(target, folder -> DecoderFolder.saveMerged(model, folder));
    if (model.block().lora() != null) {
      EpochLoop.replaceFolder(out.resolve(ADAPTER), folder ->
          DecoderFolder.savePeft(model, folder, base.toAbsolutePath().toString()));
    }
    return target;
  }
}
