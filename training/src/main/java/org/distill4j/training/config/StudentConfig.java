package org.distill4j.training.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.YamlFile;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.training.loss.Divergence;
import org.distill4j.training.loss.TokenDistillation;
import org.distill4j.training.model.TransformerSize;

/**
 * A training run's settings, read from YAML. Paths are relative to the config file's folder.
 *
 * @param student {@code generative} (a Transformer that writes targets), {@code scorer} (picks
 *     among choices, or judges validity, on frozen sentence embeddings) or {@code encoder} (the
 *     scorer's tasks by fine-tuning the pretrained encoder in {@code base})
 * @param train the training corpus (JSON Lines of corpus records)
 * @param dev the dev corpus for early stopping; when absent, {@code devFraction} of train is held
 *     out
 * @param devFraction the share of train held out when there is no dev file
 * @param out the run folder: checkpoints, metrics.jsonl, report.json
 * @param seed seeds the engine, shuffling and the dev split
 * @param device auto, cpu or gpu
 * @param epochs the most epochs to run
 * @param batchSize examples per step
 * @param learningRate Adam's step size (the peak after warm-up for the encoder); default 1e-3,
 *     3e-5 for {@code student: encoder}
 * @param patience stop after this many epochs without a better dev loss; 0 never stops early
 * @param weightScore the corpus score that weights each example (e.g. critic); null for none
 * @param tokenizer a Hugging Face tokenizer.json; null to learn a byte-pair vocabulary
 * @param vocabularySize the size of the learnt vocabulary
 * @param model the generative student's size
 * @param scorer the scorer student's settings
 * @param distillation token-level distillation from a local teacher; null for sequence-level
 * @param retrieval retrieval augmentation; null for none
 * @param evaluation how much of dev to decode each epoch and how long outputs may be
 * @param learningRateDecay decay the rate linearly over the last epochs; null keeps it constant
 * @param base the encoder student's pretrained BERT-family folder (config.json,
 *     model.safetensors, tokenizer.json); required for it, unused by the others
 * @param encoder the encoder student's fine-tuning settings
 * @param decoder the decoder student's fine-tuning settings ({@code student: decoder}, which
 *     fine-tunes the pretrained decoder LM in {@code base})
 */
public record StudentConfig(
    StudentType student,
    Path train,
    Path dev,
    @JsonProperty("dev_fraction") Double devFraction,
    Path out,
    Long seed,
    String device,
    Integer epochs,
    @JsonProperty("batch_size") Integer batchSize,
    @JsonProperty("learning_rate") Double learningRate,
    Integer patience,
    @JsonProperty("weight_score") String weightScore,
    Path tokenizer,
    @JsonProperty("vocabulary_size") Integer vocabularySize,
    ModelSettings model,
    ScorerSettings scorer,
    DistillationSettings distillation,
    RetrievalSettings retrieval,
    EvaluationSettings evaluation,
    @JsonProperty("learning_rate_decay") LearningRateDecay learningRateDecay,
    Path base,
    EncoderSettings encoder,
    DecoderSettings decoder) {

  public StudentConfig {
    student = student == null ? StudentType.GENERATIVE : student;
    if (train == null) {
      throw new IllegalArgumentException("field \"train\" is missing (the training corpus)");
    }
    if (out == null) {
      throw new IllegalArgumentException("field \"out\" is missing (the run folder)");
    }
    devFraction = devFraction == null ? 0.1 : devFraction;
    if (!(devFraction > 0 && devFraction < 1)) {
      throw new IllegalArgumentException("field \"dev_fraction\" must be in (0, 1), found "
          + devFraction);
    }
    seed = seed == null ? 42L : seed;
    device = device == null ? "auto" : device;
    epochs = positive(epochs, 10, "epochs");
    batchSize = positive(batchSize, 32, "batch_size");
    // Defaults are filled in here, once: the encoder's differs because fine-tuning a pretrained
    // network at the small students' 1e-3 destroys what it knows.
    decoder = decoder == null ? DecoderSettings.defaults() : decoder;
    learningRate = learningRate == null ? defaultRate(student, decoder) : learningRate;
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("field \"learning_rate\" must be > 0");
    }
    patience = patience == null ? 3 : patience;
    if (patience < 0) {
      throw new IllegalArgumentException("field \"patience\" must be >= 0");
    }
    vocabularySize = positive(vocabularySize, 2000, "vocabulary_size");
    model = model == null ? new ModelSettings(null, null, null, null, null, null) : model;
    scorer = scorer == null ? new ScorerSettings(null, null, null) : scorer;
    evaluation = evaluation == null ? new EvaluationSettings(null, null) : evaluation;
    if (student == StudentType.DECODER && base == null) {
      throw new IllegalArgumentException("field \"base\" is missing: student decoder fine-tunes"
          + " a pretrained decoder LM folder (config.json, model.safetensors or shards,"
          + " tokenizer.json), e.g. a Hugging Face download of SmolLM2-135M-Instruct or"
          + " Qwen2.5-0.5B-Instruct");
    }
    if (student == StudentType.ENCODER && base == null) {
      throw new IllegalArgumentException("field \"base\" is missing: student encoder fine-tunes"
          + " a pretrained BERT-family folder; `distill model import-onnx --builtin"
          + " all-minilm-l6-v2 --out DIR` makes one");
    }
    encoder = encoder == null ? EncoderSettings.defaults() : encoder;
  }

  /**
   * Pretrained networks lose what they know at the small students' 1e-3: 3e-5 for the encoder,
   * 2e-5 for a fully fine-tuned decoder, 2e-4 for decoder adapters (they start at zero).
   */
  private static double defaultRate(StudentType student, DecoderSettings decoder) {
    return switch (student) {
      case ENCODER -> 3e-5;
      case DECODER -> decoder.lora() == null ? 2e-5 : 2e-4;
      default -> 1e-3;
    };
  }

  private static Integer positive(Integer value, int fallback, String name) {
    int v = value == null ? fallback : value;
    if (v < 1) {
      throw new IllegalArgumentException("field \"" + name + "\" must be at least 1, found " + v);
    }
    return v;
  }

  /**
   * A config training on the corpus {@code train} into the run folder {@code out}, every other
   * setting at its default until set:
   *
   * <pre>{@code
   * StudentConfig config = StudentConfig.builder(Path.of("kept.jsonl"), Path.of("runs/student"))
   *     .epochs(5).model(new StudentConfig.ModelSettings(64, 4, 2, 128, 64, null)).build();
   * }</pre>
   */
  public static StudentConfigBuilder builder(Path train, Path out) {
    return new StudentConfigBuilder(train, out);
  }

  /** Reads a config; relative paths resolve against the file's folder. */
  public static StudentConfig read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(file, 0), "config file not found");
    }
    StudentConfig raw = YamlFile.read(file, StudentConfig.class).value();
    if (raw == null) {
      throw new InputException(new SourceLocation(file, 0), "config is empty");
    }
    return raw.resolvedAgainst(file.toAbsolutePath().getParent());
  }

  private StudentConfig resolvedAgainst(Path folder) {
    return new StudentConfig(student, resolve(folder, train), resolve(folder, dev), devFraction,
        resolve(folder, out), seed, device, epochs, batchSize, learningRate, patience, weightScore,
        resolve(folder, tokenizer), vocabularySize, model, scorer,
        distillation == null ? null : distillation.resolvedAgainst(folder),
        retrieval == null ? null : retrieval.resolvedAgainst(folder), evaluation, learningRateDecay,
        resolve(folder, base), encoder, decoder.resolvedAgainst(folder));
  }

  private static Path resolve(Path base, Path p) {
    return p == null || p.isAbsolute() ? p : base.resolve(p).normalize();
  }

  /** The same config training on another corpus. */
  public StudentConfig withTrain(Path newTrain) {
    return new StudentConfig(student, newTrain, dev, devFraction, out, seed, device, epochs,
        batchSize, learningRate, patience, weightScore, tokenizer, vocabularySize, model, scorer,
        distillation, retrieval, evaluation, learningRateDecay, base, encoder, decoder);
  }

  /** The same config writing to another run folder. */
  public StudentConfig withOut(Path newOut) {
    return new StudentConfig(student, train, dev, devFraction, newOut, seed, device, epochs,
        batchSize, learningRate, patience, weightScore, tokenizer, vocabularySize, model, scorer,
        distillation, retrieval, evaluation, learningRateDecay, base, encoder, decoder);
  }

  /** The same config with another epoch count. */
  public StudentConfig withEpochs(int newEpochs) {
    return new StudentConfig(student, train, dev, devFraction, out, seed, device, newEpochs,
        batchSize, learningRate, patience, weightScore, tokenizer, vocabularySize, model, scorer,
        distillation, retrieval, evaluation, learningRateDecay, base, encoder, decoder);
  }

  /** The optimizer's rate per step: constant, or decayed as {@link #learningRateDecay} says. */
  public ai.djl.training.tracker.Tracker learningRateSchedule(int stepsPerEpoch) {
    float rate = learningRate.floatValue();
    return learningRateDecay == null ? ai.djl.training.tracker.Tracker.fixed(rate)
        : learningRateDecay.tracker(rate, stepsPerEpoch, epochs);
  }

  /** The same config with retrieval settings replaced (null for none). */
  public StudentConfig withRetrieval(RetrievalSettings newRetrieval) {
    return new StudentConfig(student, train, dev, devFraction, out, seed, device, epochs,
        batchSize, learningRate, patience, weightScore, tokenizer, vocabularySize, model, scorer,
        distillation, newRetrieval, evaluation, learningRateDecay, base, encoder, decoder);
  }

  /** The generative student's size. Defaults: {@link TransformerSize#small()}. */
  public record ModelSettings(Integer embedding, Integer heads, Integer layers, Integer hidden,
      @JsonProperty("max_length") Integer maxLength, Float dropout) {
    /** The size these settings describe. */
    public TransformerSize size() {
      TransformerSize d = TransformerSize.small();
      return new TransformerSize(
          embedding == null ? d.embedding() : embedding,
          heads == null ? d.heads() : heads,
          layers == null ? d.layers() : layers,
          hidden == null ? d.hidden() : hidden,
          maxLength == null ? d.maxLength() : maxLength,
          dropout == null ? d.dropout() : dropout);
    }
  }

  /**
   * The scorer student's settings; the encoder student reads {@code task} from here too.
   *
   * @param task {@code choice} (multiple-choice QA from rationale records) or {@code validity}
   *     (kept vs rejected records)
   * @param hidden the trainable layer's width
   * @param dropout dropout on it
   */
  public record ScorerSettings(String task, Integer hidden, Float dropout) {
    public ScorerSettings {
      task = task == null ? "choice" : task;
      if (!task.equals("choice") && !task.equals("validity")) {
        throw new IllegalArgumentException(
            "field \"scorer.task\" must be choice or validity, found \"" + task + "\"");
      }
      hidden = hidden == null ? 256 : hidden;
      dropout = dropout == null ? 0.1f : dropout;
    }
  }

  /**
   * Token-level distillation from a local teacher: a run folder of a generative student trained
   * by this project (its best checkpoint and tokenizer).
   */
  public record DistillationSettings(Path teacher, String divergence, Float temperature,
      @JsonProperty("kd_weight") Float kdWeight, Float skew,
      @JsonProperty("taid_start") Float taidStart) {
    public DistillationSettings {
      if (teacher == null) {
        throw new IllegalArgumentException(
            "field \"distillation.teacher\" is missing (a teacher's run folder)");
      }
    }

    /** The loss settings. */
    public TokenDistillation settings() {
      return new TokenDistillation(
          divergence == null ? Divergence.FORWARD_KL : Divergence.parse(divergence),
          temperature == null ? 2f : temperature,
          kdWeight == null ? 0.5f : kdWeight,
          skew == null ? 0.1f : skew,
          taidStart == null ? 0.2f : taidStart);
    }

    DistillationSettings resolvedAgainst(Path base) {
      return new DistillationSettings(resolve(base, teacher), divergence, temperature, kdWeight,
          skew, taidStart);
    }
  }

  /**
   * Retrieval augmentation from a knowledge base.
   *
   * @param kb the knowledge-base folder; in a pipeline, the run's own {@code RUN/kb} when absent
   * @param mode keyword, vector or hybrid
   * @param k how many facts to give: prepended to the input, or for the encoder student the
   *     second segment of each (question + choice) pair, retrieved for that pair
   */
  public record RetrievalSettings(Path kb, String mode, Integer k) {
    public RetrievalSettings {
      // kb may be absent here: a pipeline fills in the run's own store, and whoever opens the
      // retriever reports a missing one (see RetrieverSource).
      mode = mode == null ? "keyword" : mode;
      k = k == null ? 3 : k;
      if (k < 1) {
        throw new IllegalArgumentException("field \"retrieval.k\" must be at least 1");
      }
    }

    RetrievalSettings resolvedAgainst(Path base) {
      return new RetrievalSettings(resolve(base, kb), mode, k);
    }
  }

  /**
   * How the generative student is decoded on dev after each epoch.
   *
   * @param limit the most dev examples decoded per epoch (dev loss always uses all)
   * @param maxNewTokens the most tokens written per output
   */
  public record EvaluationSettings(Integer limit, @JsonProperty("max_new_tokens")
      Integer maxNewTokens) {
    public EvaluationSettings {
      limit = limit == null ? 200 : limit;
      maxNewTokens = maxNewTokens == null ? 24 : maxNewTokens;
    }
  }
}
