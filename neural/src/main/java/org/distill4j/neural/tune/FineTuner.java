package org.distill4j.neural.tune;

import org.distill4j.neural.Tunable;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill4j.neural.bert.BertClassifier;

/**
 * Fine-tunes a {@link Tunable} model (a {@link BertClassifier}, a decoder) on a
 * {@link TuneTask}: shuffled batches grouped by length (the task pads each batch), gradient
 * accumulation, AdamW with warm-up and linear decay, global norm clipping, dev scoring and early
 * stopping after each epoch, and a checkpoint per epoch that a killed run resumes from. Which
 * parameters train is the model's choice ({@link Tunable#trainable()}: with adapters, the
 * adapters and any head).
 *
 * @param <M> the model type
 * @param <E> the example type
 */
public final class FineTuner<M extends Tunable, E> {
  private final M model;
  private final TuneTask<M, E> task;
  private final TuneSettings settings;
  private final TuneListener listener;
  private Map<String, Parameter> trainable;
  private int frozenLayers;
  private final ParameterStore store;
  /** Batches per length-sorted window. */
  private static final int WINDOW = 50;
  /** The best epoch's weights when there is no checkpoint folder to keep them in. */
  private final Map<String, float[]> bestKept = new LinkedHashMap<>();

  /** A tuner for {@code model}; nothing runs until {@link #run}. */
  public FineTuner(M model, TuneTask<M, E> task, TuneSettings settings,
      TuneListener listener) {
    this.model = model;
    this.task = task;
    this.settings = settings;
    this.listener = listener;
    this.trainable = model.trainable();
    this.store = new ParameterStore(model.manager(), false);
  }

  /**
   * Freezes the embeddings and the lowest {@code layers} layers: backward then stops above
   * them, which makes a step much cheaper on CPU (and the optimiser skips the large token
   * table); the usual quality trade-off of partial fine-tuning applies. 0 trains all.
   */
  public FineTuner<M, E> freezingLowest(int layers) {
    int depth = model.depth();
    if (layers < 0 || layers > depth) {
      throw new IllegalArgumentException("can freeze 0 to " + depth + " layers, not " + layers);
    }
    this.frozenLayers = layers;
    Map<String, Parameter> kept = new LinkedHashMap<>();
    model.trainable().forEach((name, p) -> {
      if (layers == 0 || !model.frozenBelow(name, layers)) {
        kept.put(name, p);
      }
    });
    this.trainable = kept;
    return this;
  }

  /**
   * Trains on {@code train}, scoring {@code dev} (may be empty: no early stopping, the last
   * epoch is kept) after each epoch; {@code checkpoints} (may be null: none) is where a killed
   * run left its state and where this one leaves its own.
   */
  public TuneResult run(List<E> train, List<E> dev, Path checkpoints) throws IOException {
    if (train.isEmpty()) {
      throw new IllegalArgumentException("no training examples");
    }
    Engine.getInstance().setRandomSeed((int) settings.seed());
    model.parameters().forEach((name, p) ->
        p.getArray().setRequiresGradient(trainable.containsKey(name)));
    int batches = (train.size() + settings.batchSize() - 1) / settings.batchSize();
    int perEpoch = (batches + settings.accumulation() - 1) / settings.accumulation();
    int total = perEpoch * settings.epochs();
    LinearWarmup schedule = new LinearWarmup(settings.learningRate(),
        (int) Math.round(settings.warmupFraction() * total), total);
    AdamW optimizer = new AdamW(trainable, settings.weightDecay(), settings.clipNorm(),
        model.manager());
    TuneCheckpoint folder = checkpoints == null ? null : new TuneCheckpoint(checkpoints);
    TuneCheckpoint.State state = start(folder, optimizer, fingerprint(train, dev));
    // A run that had already stopped early stays stopped when it is run again.
    boolean early = !dev.isEmpty() && settings.patience() > 0
        && state.badEpochs() >= settings.patience() && state.epochsDone() < settings.epochs();
    for (int epoch = state.epochsDone() + 1; epoch <= settings.epochs() && !early; epoch++) {
      EpochReport report = epoch(epoch, train, dev, optimizer, schedule, total);
      boolean best = !dev.isEmpty() && (state.bestEpoch() == 0
          || report.devScore() > state.bestScore());
      List<EpochReport> history = new ArrayList<>(state.history());
      history.add(report);
      state = new TuneCheckpoint.State(state.fingerprint(), epoch,
          best || dev.isEmpty() ? epoch : state.bestEpoch(),
          best ? report.devScore() : state.bestScore(), best ? 0 : state.badEpochs() + 1,
          history, null, null, state.best());
      listener.epoch(report, best);
      if (folder != null) {
        state = folder.commit(state, model.parameters(), optimizer, best);
      } else if (best) {
        keepBest();
      }
      early = !dev.isEmpty() && settings.patience() > 0
          && state.badEpochs() >= settings.patience() && epoch < settings.epochs();
    }
    restoreBest(folder, state, dev);
    return new TuneResult(state.history(), state.bestEpoch(), state.bestScore(), early);
  }

  private TuneCheckpoint.State start(TuneCheckpoint folder, AdamW optimizer, String fingerprint)
      throws IOException {
    TuneCheckpoint.State saved = folder == null ? null : folder.read();
    if (saved == null) {
      return new TuneCheckpoint.State(fingerprint, 0, 0, Double.NaN, 0, List.of(), null, null,
          null);
    }
    if (!saved.fingerprint().equals(fingerprint)) {
      throw new IOException(folder.path(TuneCheckpoint.STATE) + ": the checkpoint was made with"
          + " other settings or data (" + saved.fingerprint() + "; now " + fingerprint
          + "); use another folder, or delete it to start over");
    }
    folder.restore(saved.weights(), model.parameters(), model.manager());
    optimizer.load(folder.path(saved.optimizer()));
    listener.resumed(saved.epochsDone());
    return saved;
  }

  private void restoreBest(TuneCheckpoint folder, TuneCheckpoint.State state, List<E> dev)
      throws IOException {
    if (dev.isEmpty() || state.bestEpoch() == state.epochsDone()) {
      return;
    }
    if (folder == null) {
      bestKept.forEach((name, values) -> {
        NDArray weight = model.parameters().get(name).getArray();
        try (NDManager scope = model.manager().newSubManager()) {
          org.distill4j.neural.InPlace.copy(scope.create(values, weight.getShape()), weight);
        }
      });
    } else {
      folder.restore(state.best(), model.parameters(), model.manager());
    }
    bestKept.clear();
  }

  /** Copies the weights to the Java heap: no native copies to free, nothing shared with them. */
  private void keepBest() {
    bestKept.clear();
    model.parameters().forEach((name, p) -> bestKept.put(name, p.getArray().toFloatArray()));
  }

  private EpochReport epoch(int epoch, List<E> train, List<E> dev, AdamW optimizer,
      LinearWarmup schedule, int total) {
    long epochSeed = settings.seed() * 1_000_003L + epoch;
    // Dropout draws from the engine's generator: re-seeding it per epoch is what lets a run
    // resumed at an epoch boundary repeat the run it replaces.
    Engine.getInstance().setRandomSeed((int) (epochSeed ^ (epochSeed >>> 32)));
    List<E> order = byLength(train, new Random(epochSeed));
    long started = System.nanoTime();
    double lossSum = 0;
    long tokens = 0;
    int batches = 0;
    int pending = 0;
    double stepLoss = 0;
    for (int start = 0; start < order.size(); start += settings.batchSize()) {
      List<E> batch = order.subList(start, Math.min(order.size(), start + settings.batchSize()));
      double loss = backward(batch);
      for (E example : batch) {
        tokens += task.tokens(model, example);
      }
      lossSum += loss;
      stepLoss += loss;
      batches++;
      pending++;
      boolean last = start + settings.batchSize() >= order.size();
      if (pending == settings.accumulation() || last) {
        optimizer.step(schedule.rate(Math.min(optimizer.steps(), total - 1)));
        listener.step(optimizer.steps(), total, stepLoss / pending);
        pending = 0;
        stepLoss = 0;
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double devScore = dev.isEmpty() ? Double.NaN : task.score(model, dev);
    return new EpochReport(epoch, lossSum / batches, devScore, train.size() / seconds,
        tokens / seconds);
  }

  /**
   * The epoch's order: shuffled, then sorted by length within windows of {@value #WINDOW}
   * batches, cut into batches, and the batches shuffled. Padding to each batch's longest row
   * then wastes little, while every batch still mixes examples from across the data.
   */
  private List<E> byLength(List<E> train, Random random) {
    List<E> order = new ArrayList<>(train);
    Collections.shuffle(order, random);
    int batch = settings.batchSize();
    List<List<E>> batches = new ArrayList<>();
    for (int start = 0; start < order.size(); start += WINDOW * batch) {
      List<E> window = new ArrayList<>(order.subList(start,
          Math.min(order.size(), start + WINDOW * batch)));
      window.sort(java.util.Comparator.comparingInt(e -> task.tokens(model, e)));
      for (int b = 0; b < window.size(); b += batch) {
        batches.add(window.subList(b, Math.min(window.size(), b + batch)));
      }
    }
    Collections.shuffle(batches, random);
    List<E> out = new ArrayList<>(order.size());
    batches.forEach(out::addAll);
    return out;
  }

  /** Forward and backward of one batch; gradients add to those already held. */
  private double backward(List<E> batch) {
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = task.loss(model, store, scope, batch);
      collector.backward(loss.div((float) settings.accumulation()));
      return loss.getFloat();
    }
  }

  private String fingerprint(List<E> train, List<E> dev) {
    return settings + " " + model.describe()
        + (frozenLayers > 0 ? " frozen=" + frozenLayers : "")
        + " train=" + train.size() + "/" + train.hashCode() + " dev=" + dev.size();
  }
}
