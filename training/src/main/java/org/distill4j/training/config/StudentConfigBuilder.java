package org.distill4j.training.config;

import java.nio.file.Path;
import org.distill4j.training.config.StudentConfig.DistillationSettings;
import org.distill4j.training.config.StudentConfig.EvaluationSettings;
import org.distill4j.training.config.StudentConfig.ModelSettings;
import org.distill4j.training.config.StudentConfig.RetrievalSettings;
import org.distill4j.training.config.StudentConfig.ScorerSettings;

/**
 * Builds a {@link StudentConfig} from Java ({@link StudentConfig#builder}); a setting left unset
 * takes the default a YAML config without that key gets, and {@link #build()} checks the whole
 * config as reading a file does. Paths are used as given (relative ones against the working
 * directory, not a config file's folder).
 */
public final class StudentConfigBuilder {
  private final Path train;
  private final Path out;
  private StudentType student;
  private Path dev;
  private Double devFraction;
  private Long seed;
  private String device;
  private Integer epochs;
  private Integer batchSize;
  private Double learningRate;
  private Integer patience;
  private String weightScore;
  private Path tokenizer;
  private Integer vocabularySize;
  private ModelSettings model;
  private ScorerSettings scorer;
  private DistillationSettings distillation;
  private RetrievalSettings retrieval;
  private EvaluationSettings evaluation;
  private LearningRateDecay learningRateDecay;
  private Path base;
  private EncoderSettings encoder;
  private DecoderSettings decoder;

  StudentConfigBuilder(Path train, Path out) {
    this.train = train;
    this.out = out;
  }

  /** Which student: generative (the default), scorer, encoder or decoder. */
  public StudentConfigBuilder student(StudentType type) {
    this.student = type;
    return this;
  }

  /** The dev corpus; without one, {@link #devFraction} of train is held out. */
  public StudentConfigBuilder dev(Path corpus) {
    this.dev = corpus;
    return this;
  }

  /** The share of train held out when there is no dev corpus; 0.1 by default. */
  public StudentConfigBuilder devFraction(double share) {
    this.devFraction = share;
    return this;
  }

  /** Seeds the engine, shuffling and the dev split; 42 by default. */
  public StudentConfigBuilder seed(long value) {
    this.seed = value;
    return this;
  }

  /** {@code auto} (the default), {@code cpu} or {@code gpu}. */
  public StudentConfigBuilder device(String name) {
    this.device = name;
    return this;
  }

  /** The most epochs to run; 10 by default. */
  public StudentConfigBuilder epochs(int count) {
    this.epochs = count;
    return this;
  }

  /** Examples per step; 32 by default. */
  public StudentConfigBuilder batchSize(int examples) {
    this.batchSize = examples;
    return this;
  }

  /** Adam's step size; by default 1e-3, or the pretrained students' smaller rates. */
  public StudentConfigBuilder learningRate(double rate) {
    this.learningRate = rate;
    return this;
  }

  /** Epochs without a better dev loss before stopping; 3 by default, 0 never stops early. */
  public StudentConfigBuilder patience(int epochsWithoutGain) {
    this.patience = epochsWithoutGain;
    return this;
  }

  /** The corpus score that weights each example (e.g. {@code critic}); none by default. */
  public StudentConfigBuilder weightScore(String scoreName) {
    this.weightScore = scoreName;
    return this;
  }

  /** A Hugging Face tokenizer.json; by default a byte-pair vocabulary is learnt from train. */
  public StudentConfigBuilder tokenizer(Path tokenizerJson) {
    this.tokenizer = tokenizerJson;
    return this;
  }

  /** The size of the learnt vocabulary; 2000 by default. */
  public StudentConfigBuilder vocabularySize(int size) {
    this.vocabularySize = size;
    return this;
  }

  /** The generative student's size; unset fields take {@code TransformerSize.small()}'s. */
  public StudentConfigBuilder model(ModelSettings size) {
    this.model = size;
    return this;
  }

  /** The scorer's (and the encoder's) task and head. */
  public StudentConfigBuilder scorer(ScorerSettings settings) {
    this.scorer = settings;
    return this;
  }

  /** Token-level distillation from a local teacher; sequence-level by default. */
  public StudentConfigBuilder distillation(DistillationSettings settings) {
    this.distillation = settings;
    return this;
  }

  /** Retrieval augmentation from a knowledge base; none by default. */
  public StudentConfigBuilder retrieval(RetrievalSettings settings) {
    this.retrieval = settings;
    return this;
  }

  /** How much of dev is decoded each epoch, and how long outputs may be. */
  public StudentConfigBuilder evaluation(EvaluationSettings settings) {
    this.evaluation = settings;
    return this;
  }

  /** A linear decay over the last epochs; a constant rate by default. */
  public StudentConfigBuilder learningRateDecay(LearningRateDecay decay) {
    this.learningRateDecay = decay;
    return this;
  }

  /** The pretrained Hugging Face folder the encoder and decoder students fine-tune. */
  public StudentConfigBuilder base(Path folder) {
    this.base = folder;
    return this;
  }

  /** The encoder student's fine-tuning settings. */
  public StudentConfigBuilder encoder(EncoderSettings settings) {
    this.encoder = settings;
    return this;
  }

  /** The decoder student's fine-tuning settings. */
  public StudentConfigBuilder decoder(DecoderSettings settings) {
    this.decoder = settings;
    return this;
  }

  /**
   * The config, with defaults filled in and checked.
   *
   * @throws IllegalArgumentException naming the field that is missing or out of range
   */
  public StudentConfig build() {
    return new StudentConfig(student, train, dev, devFraction, out, seed, device, epochs,
        batchSize, learningRate, patience, weightScore, tokenizer, vocabularySize, model, scorer,
        distillation, retrieval, evaluation, learningRateDecay, base, encoder, decoder);
  }
}
