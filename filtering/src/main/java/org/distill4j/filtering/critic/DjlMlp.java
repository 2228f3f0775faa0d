package org.distill4j.filtering.critic;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import org.distill4j.neural.HeadLayout;
import org.distill4j.neural.ScoringHead;

/**
 * A one-hidden-layer network (linear, ReLU, linear to one logit: neural's {@link ScoringHead}
 * without dropout) trained with DJL's PyTorch
 * engine on CPU with a sigmoid cross-entropy loss. Every batch runs in its own {@link NDManager}
 * scope so native memory stays flat over long trainings.
 */
final class DjlMlp implements AutoCloseable {
  static final String NAME = "critic";
  private final ScoringHead head;
  private final Model model;
  private final int inputs;

  private DjlMlp(ScoringHead head, int inputs) {
    this.head = head;
    this.model = head.model();
    this.inputs = inputs;
  }

  /** The critic's layout: {@code hidden} ReLU units, no dropout. */
  static HeadLayout layout(int hidden) {
    return HeadLayout.plain(hidden, HeadLayout.Activation.RELU);
  }

  /** The shared network class this critic trains. */
  ScoringHead head() {
    return head;
  }

  /** Trains on rows {@code x} (all of one width) with 0/1 labels {@code y}. */
  static DjlMlp train(float[][] x, float[] y, CriticSettings s) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("need as many labels as rows and at least one row, found "
          + x.length + " rows and " + y.length + " labels");
    }
    int inputs = x[0].length;
    Engine.getInstance().setRandomSeed((int) s.seed());
    ScoringHead head = ScoringHead.untrained(NAME, layout(s.hidden()), null);
    Model model = head.model();
    DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.sigmoidBinaryCrossEntropyLoss())
        .optOptimizer(Optimizer.adam()
            .optLearningRateTracker(Tracker.fixed(s.learningRate()))
            .optWeightDecays(s.weightDecay())
            .build());
    Random random = new Random(s.seed());
    int[] order = new int[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(new Shape(s.batchSize(), inputs));
      for (int epoch = 0; epoch < s.epochs(); epoch++) {
        shuffle(order, random);
        for (int start = 0; start < order.length; start += s.batchSize()) {
          int n = Math.min(s.batchSize(), order.length - start);
          float[] xs = new float[n * inputs];
          float[] ys = new float[n];
          for (int i = 0; i < n; i++) {
            System.arraycopy(x[order[start + i]], 0, xs, i * inputs, inputs);
            ys[i] = y[order[start + i]];
          }
          try (NDManager batch = trainer.getManager().newSubManager()) {
            NDArray in = batch.create(xs, new Shape(n, inputs));
            NDArray label = batch.create(ys, new Shape(n, 1));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDArray logit = trainer.forward(new NDList(in)).singletonOrThrow();
              NDArray loss = trainer.getLoss().evaluate(new NDList(label), new NDList(logit));
              gc.backward(loss);
            }
            trainer.step();
          }
        }
      }
    }
    return new DjlMlp(head, inputs);
  }

  /** Probabilities of acceptance for each row. */
  float[] predict(float[][] x) {
    float[] out = new float[x.length];
    int chunk = 1024;
    for (int start = 0; start < x.length; start += chunk) {
      int n = Math.min(chunk, x.length - start);
      float[] xs = new float[n * inputs];
      for (int i = 0; i < n; i++) {
        if (x[start + i].length != inputs) {
          throw new IllegalArgumentException("expected " + inputs + " features, found "
              + x[start + i].length);
        }
        System.arraycopy(x[start + i], 0, xs, i * inputs, inputs);
      }
      try (NDManager m = model.getNDManager().newSubManager()) {
        NDArray in = m.create(xs, new Shape(n, inputs));
        NDArray p = model.getBlock().forward(new ParameterStore(m, false), new NDList(in), false)
            .singletonOrThrow();
        p = Activation.sigmoid(p);
        System.arraycopy(p.toFloatArray(), 0, out, start, n);
      }
    }
    return out;
  }

  void save(Path dir) {
    try {
      head.save(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the critic to " + dir, e);
    }
  }

  static DjlMlp load(Path dir, int inputs, int hidden) {
    try {
      return new DjlMlp(
          ScoringHead.load(dir, NAME, layout(hidden), new Shape(1, inputs), null), inputs);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalArgumentException("cannot load the critic network from " + dir + ": "
          + e.getMessage(), e);
    }
  }

  private static void shuffle(int[] a, Random r) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  @Override
  public void close() {
    head.close();
  }
}
