package org.distill4j.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.distill4j.training.config.StudentConfig;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.model.ScorerStudent;

/**
 * Trains a {@link ScorerStudent}. Embeddings are computed once before the first epoch; each step
 * then only runs the small trainable network, so an epoch over thousands of questions takes
 * seconds.
 */
public final class ScorerWork implements EpochLoop.Work, AutoCloseable {
  private final ScorerStudent student;
  private final boolean choice;
  private final List<TrainingExample> train;
  private final List<TrainingExample> dev;
  private final float[][][] trainFeatures;
  private final float[][][] devFeatures;
  private final int batchSize;
  private final ResumableAdam optimizer;
  private final DefaultTrainingConfig trainingConfig;
  private Trainer trainer;

  /** Sets up training; {@code choice} selects multiple choice, else validity. */
  public ScorerWork(ScorerStudent student, boolean choice, List<TrainingExample> train,
      List<TrainingExample> dev, StudentConfig config) {
    this.student = student;
    this.choice = choice;
    this.train = List.copyOf(train);
    this.dev = List.copyOf(dev);
    this.trainFeatures = student.features(this.train);
    this.devFeatures = student.features(this.dev);
    this.batchSize = config.batchSize();
    this.optimizer = new ResumableAdam(
        config.learningRateSchedule((this.train.size() + batchSize - 1) / batchSize), 1.0f,
        student.model().getBlock().getParameters());
    // The objective is computed in this class; DJL's config only needs a named loss.
    this.trainingConfig = new DefaultTrainingConfig(Loss.l2Loss("unused"))
        .optOptimizer(optimizer)
        .optDevices(new ai.djl.Device[] {student.model().getNDManager().getDevice()});
  }

  private Trainer trainer() {
    if (trainer == null) {
      trainer = student.model().newTrainer(trainingConfig);
    }
    return trainer;
  }

  @Override
  public EpochLoop.TrainResult trainEpoch(int epoch, Random random) {
    Trainer t = trainer();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < train.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    double lossSum = 0;
    int batches = 0;
    long start = System.nanoTime();
    for (int b = 0; b < order.size(); b += batchSize) {
      List<Integer> rows = order.subList(b, Math.min(order.size(), b + batchSize));
      try (NDManager scope = student.model().getNDManager().newSubManager()) {
        NDList packed = student.pack(trainFeatures, rows, scope);
        try (GradientCollector collector = t.newGradientCollector()) {
          collector.zeroGradients();
          NDArray raw = t.forward(new NDList(packed.get(0))).head();
          NDArray scores = ScorerStudent.masked(raw, packed.get(1));
          NDArray loss = loss(scores, train, rows, scope);
          collector.backward(loss);
          lossSum += loss.getFloat();
        }
        t.step();
        batches++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EpochLoop.TrainResult(lossSum / Math.max(1, batches),
        train.size() / Math.max(1e-9, seconds), null);
  }

  private NDArray loss(NDArray scores, List<TrainingExample> examples, List<Integer> rows,
      NDManager manager) {
    float[] weights = new float[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      weights[i] = (float) examples.get(rows.get(i)).weight();
    }
    NDArray w = manager.create(weights);
    NDArray perExample;
    if (choice) {
      long[] targets = new long[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        targets[i] = examples.get(rows.get(i)).targetIndex();
      }
      NDArray oneHot = manager.create(targets).oneHot((int) scores.getShape().get(1));
      perExample = scores.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
    } else {
      float[] labels = new float[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        labels[i] = examples.get(rows.get(i)).valid() ? 1f : 0f;
      }
      NDArray s = scores.reshape(rows.size());
      NDArray y = manager.create(labels);
      // Binary cross-entropy on logits, written in the form that cannot overflow.
      perExample = s.maximum(0f).sub(s.mul(y)).add(s.abs().neg().exp().add(1f).log());
    }
    return perExample.mul(w).sum().div(rows.size());
  }

  @Override
  public EpochLoop.DevResult dev() {
    Evaluation e = evaluate(student, choice, dev, devFeatures, batchSize);
    return new EpochLoop.DevResult(e.loss(), "accuracy", e.accuracy());
  }

  /** Loss and accuracy of a scorer on examples. */
  public record Evaluation(double loss, double accuracy, int examples) {}

  /** Scores {@code examples} (whose features are given) and compares with their labels. */
  public static Evaluation evaluate(ScorerStudent student, boolean choice,
      List<TrainingExample> examples, float[][][] features, int batchSize) {
    double lossSum = 0;
    int right = 0;
    for (int b = 0; b < examples.size(); b += batchSize) {
      List<Integer> rows = new ArrayList<>();
      for (int i = b; i < Math.min(examples.size(), b + batchSize); i++) {
        rows.add(i);
      }
      try (NDManager scope = student.model().getNDManager().newSubManager()) {
        NDArray scores = student.scores(student.pack(features, rows, scope));
        float[] s = scores.toFloatArray();
        int c = (int) scores.getShape().get(1);
        for (int i = 0; i < rows.size(); i++) {
          TrainingExample e = examples.get(rows.get(i));
          if (choice) {
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int j = 0; j < c; j++) {
              max = Math.max(max, s[i * c + j]);
            }
            for (int j = 0; j < c; j++) {
              sum += Math.exp(s[i * c + j] - max);
              if (s[i * c + j] > s[i * c + best]) {
                best = j;
              }
            }
            if (best == e.targetIndex()) {
              right++;
            }
            lossSum += -(s[i * c + e.targetIndex()] - max - Math.log(sum));
          } else {
            double x = s[i * c];
            boolean predicted = x > 0;
            if (predicted == e.valid()) {
              right++;
            }
            double y = e.valid() ? 1 : 0;
            lossSum += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
          }
        }
      }
    }
    int n = Math.max(1, examples.size());
    return new Evaluation(lossSum / n, right / (double) n, examples.size());
  }

  /** Features of more examples, for evaluation outside training. */
  public static float[][][] features(ScorerStudent student, List<TrainingExample> examples) {
    return student.features(examples);
  }

  @Override
  public void save(Path dir) throws IOException {
    student.save(dir);
    ModelCheckpoint.saveOptimizer(optimizer, dir);
  }

  @Override
  public void load(Path dir) throws IOException {
    ModelCheckpoint.load(student.model(), ScorerStudent.MODEL_NAME, optimizer, dir);
  }

  @Override
  public void close() {
    if (trainer != null) {
      trainer.close();
    }
  }
}
