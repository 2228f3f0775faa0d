package org.distill4j.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.eval.GenerationScores;
import org.distill4j.training.loss.StudentLoss;
import org.distill4j.training.loss.TokenLosses;
import org.distill4j.training.model.Decoding;
import org.distill4j.training.model.GenerativeStudent;
import org.distill4j.training.model.SequenceBatch;

/**
 * Trains a {@link GenerativeStudent}: teacher-forced cross-entropy on targets (sequence-level
 * distillation), plus a token-level divergence when a local teacher is given. Each batch's arrays
 * live in a sub-manager closed after the step, so memory stays flat over a long run.
 */
public final class GenerativeWork implements EpochLoop.Work, AutoCloseable {
  private final GenerativeStudent student;
  private final GenerativeStudent teacher;
  private final List<TrainingExample> train;
  private final List<TrainingExample> dev;
  private final int batchSize;
  private final int decodeLimit;
  private final int maxNewTokens;
  private final StudentLoss loss;
  private final ResumableAdam optimizer;
  private final DefaultTrainingConfig trainingConfig;
  private Trainer trainer;
  private final int totalEpochs;
  private final List<Float> stepLosses = new ArrayList<>();

  /**
   * Sets up training.
   *
   * @param teacher a local teacher for token-level distillation, or null; its vocabulary must be
   *     the student's
   */
  public GenerativeWork(GenerativeStudent student, GenerativeStudent teacher, StudentLoss loss,
      List<TrainingExample> train, List<TrainingExample> dev, StudentConfig config) {
    this.student = student;
    this.teacher = teacher;
    this.train = List.copyOf(train);
    this.dev = List.copyOf(dev);
    this.batchSize = config.batchSize();
    this.decodeLimit = config.evaluation().limit();
    this.maxNewTokens = config.evaluation().maxNewTokens();
    this.totalEpochs = config.epochs();
    this.loss = loss;
    this.optimizer = new ResumableAdam(
        config.learningRateSchedule((this.train.size() + batchSize - 1) / batchSize), 1.0f,
        student.model().getBlock().getParameters());
    this.trainingConfig = new DefaultTrainingConfig(loss)
        .optOptimizer(optimizer)
        .optDevices(new ai.djl.Device[] {student.model().getNDManager().getDevice()});
  }

  // Created on first use, after a resume has loaded parameters, so the trainer's parameter
  // store never holds arrays from before the load.
  private Trainer trainer() {
    if (trainer == null) {
      trainer = student.model().newTrainer(trainingConfig);
    }
    return trainer;
  }

  /** Each training step's loss so far, in order (tests compare resumed and straight runs). */
  public List<Float> stepLosses() {
    return Collections.unmodifiableList(stepLosses);
  }

  @Override
  public EpochLoop.TrainResult trainEpoch(int epoch, Random random) {
    Trainer trainer = trainer();
    List<TrainingExample> order = new ArrayList<>(train);
    Collections.shuffle(order, random);
    int batches = (order.size() + batchSize - 1) / batchSize;
    double lossSum = 0;
    double kdSum = 0;
    double ceSum = 0;
    long tokens = 0;
    long nanos = 0;
    for (int b = 0; b < batches; b++) {
      loss.setProgress(((epoch - 1) * (double) batches + b) / Math.max(1, totalEpochs * batches));
      List<TrainingExample> slice =
          order.subList(b * batchSize, Math.min(order.size(), (b + 1) * batchSize));
      long start = System.nanoTime();
      try (NDManager scope = student.model().getNDManager().newSubManager()) {
        SequenceBatch batch = student.encode(slice, scope);
        NDList labels = batch.labelList();
        if (teacher != null) {
          labels.add(teacher.logits(batch.data()));
        }
        float value;
        try (GradientCollector collector = trainer.newGradientCollector()) {
          // PyTorch adds new gradients to old ones; without this each step would also apply
          // every earlier step's gradient.
          collector.zeroGradients();
          NDList predictions = trainer.forward(batch.data(), labels);
          NDArray l = trainer.getLoss().evaluate(labels, predictions);
          collector.backward(l);
          value = l.getFloat();
        }
        trainer.step();
        tokens += batch.totalTokens();
        lossSum += value;
        stepLosses.add(value);
        if (teacher != null) {
          kdSum += loss.lastKd() * loss.distillation().kdWeight();
          ceSum += loss.lastCe() * (1 - loss.distillation().kdWeight());
        }
      }
      nanos += System.nanoTime() - start;
    }
    Double kdShare = teacher == null ? null : kdSum / Math.max(1e-12, kdSum + ceSum);
    return new EpochLoop.TrainResult(lossSum / Math.max(1, batches),
        tokens / Math.max(1e-9, nanos / 1e9), kdShare);
  }

  @Override
  public EpochLoop.DevResult dev() {
    double weighted = 0;
    long count = 0;
    for (int b = 0; b < dev.size(); b += batchSize) {
      List<TrainingExample> slice = dev.subList(b, Math.min(dev.size(), b + batchSize));
      try (NDManager scope = student.model().getNDManager().newSubManager()) {
        SequenceBatch batch = student.encode(slice, scope);
        NDArray logits = student.logits(batch.data());
        float l = TokenLosses.crossEntropy(logits, batch.labels(), batch.lossMask(),
            batch.lossMask()).getFloat();
        weighted += l * batch.targetTokens();
        count += batch.targetTokens();
      }
    }
    GenerationScores scores = decode(student, dev, decodeLimit, maxNewTokens, batchSize);
    return new EpochLoop.DevResult(weighted / Math.max(1, count), "exact_match",
        scores.exactMatch());
  }

  /** Greedy outputs for the first {@code limit} distinct inputs of {@code examples}, scored. */
  public static GenerationScores decode(GenerativeStudent student, List<TrainingExample> examples,
      int limit, int maxNewTokens, int batchSize) {
    return decode(student, examples, limit, maxNewTokens, batchSize, Decoding.greedy());
  }

  /** Outputs decoded with {@code decoding} for the first {@code limit} distinct inputs, scored. */
  public static GenerationScores decode(GenerativeStudent student, List<TrainingExample> examples,
      int limit, int maxNewTokens, int batchSize, Decoding decoding) {
    Map<String, List<String>> limited = GenerationScores.referencesByInput(examples, limit);
    List<String> inputs = new ArrayList<>(limited.keySet());
    List<String> outputs = new ArrayList<>();
    for (int b = 0; b < inputs.size(); b += batchSize) {
      outputs.addAll(student.generate(inputs.subList(b, Math.min(inputs.size(), b + batchSize)),
          decoding, maxNewTokens));
    }
    return GenerationScores.score(limited, outputs);
  }

  @Override
  public void save(Path dir) throws IOException {
    student.save(dir);
    student.tokenizer().save(dir);
    ModelCheckpoint.saveOptimizer(optimizer, dir);
  }

  @Override
  public void load(Path dir) throws IOException {
    ModelCheckpoint.load(student.model(), GenerativeStudent.MODEL_NAME, optimizer, dir);
  }

  @Override
  public void close() {
    if (trainer != null) {
      trainer.close();
    }
  }
}
