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

  /**
   * Looks at the network after each epoch.
   */
  interface EpochCheck {
    /**
     * Called after epoch {@code epoch} (1-based) with its mean training loss; returns the dev
     * score (higher is better), or NaN when there is no dev set (then training never stops
     * early).
     */
    double after(int epoch, double loss, DjlMlp network);
  }

  /** Trains on rows {@code x} (all of one width) with 0/1 labels {@code y}. */
  static DjlMlp train(float[][] x, float[] y, CriticSettings s) {
    return train(x, y, s, (e, l, n) -> Double.NaN, 0);
  }

  /**
   * Trains, asking {@code check} after every epoch; with a dev score, stops after {@code
   * patience} epochs without improvement (0: never) and returns the best epoch's weights.
   */
  static DjlMlp train(float[][] x, float[] y, CriticSettings s, EpochCheck check,
      int patience) {
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
    DjlMlp net = new DjlMlp(head, inputs);
    Snapshot best = new Snapshot();
    try (Trainer trainer = model.newTrainer(config)) {
      trainer.initialize(new Shape(s.batchSize(), inputs));
      for (int epoch = 1; epoch <= s.epochs(); epoch++) {
        shuffle(order, random);
        double loss = epoch(trainer, x, y, order, s.batchSize(), inputs);
        double dev = check.after(epoch, loss, net);
        if (!Double.isNaN(dev) && best.offer(epoch, dev, model)) {
          continue;
        }
        if (!Double.isNaN(dev) && patience > 0 && epoch - best.epoch >= patience) {
          break;
        }
      }
    }
    best.restore(model);
    return net;
  }

  /** One pass in the given order; returns the mean loss per example. */
  private static double epoch(Trainer trainer, float[][] x, float[] y, int[] order, int size,
      int inputs) {
    double sum = 0;
    for (int start = 0; start < order.length; start += size) {
      int n = Math.min(size, order.length - start);
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
          sum += loss.getFloat() * n;
          gc.backward(loss);
        }
        trainer.step();
      }
    }
    return sum / order.length;
  }

  /** The best epoch's weights, kept in memory so early stopping returns them. */
  private static final class Snapshot {
    int epoch;
    double score = Double.NEGATIVE_INFINITY;
    byte[] weights;

    /** Keeps the weights when {@code dev} beats the best so far; true when it did. */
    boolean offer(int at, double dev, Model model) {
      if (dev <= score) {
        return false;
      }
      epoch = at;
      score = dev;
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
        model.getBlock().saveParameters(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      weights = bytes.toByteArray();
      return true;
    }

    void restore(Model model) {
      if (weights == null) {
        return;
      }
      try (java.io.DataInputStream in = new java.io.DataInputStream(
          new java.io.ByteArrayInputStream(weights))) {
        model.getBlock().loadParameters(model.getNDManager(), in);
      } catch (IOException | MalformedModelException e) {
        throw new IllegalStateException("cannot restore the best epoch's weights", e);
      }
    }
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
