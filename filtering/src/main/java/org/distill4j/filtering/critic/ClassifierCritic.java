package org.distill4j.filtering.critic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.neural.ScoringHead;

/**
 * A trained critic, as in Symbolic Knowledge Distillation: it scores how likely a human would
 * accept an item, and as a {@link Critic} keeps records scoring at least its threshold (adding the
 * score either way). Features are the item's text embedding (unit length, from the given
 * {@link TextEmbedder}) followed by standardised numeric side features, which for records are
 * read from named scores (e.g. {@code teacher.nll}).
 *
 * <p>Use {@link #train} (or {@link #trainOnFeatures} with precomputed embeddings), then
 * {@link #save} to a folder; {@link #load} it later with the same embedding model. Scoring is
 * deterministic; training is too for a fixed seed. Close it to free the native model.
 */
public final class ClassifierCritic implements SavedCritic, TrainedCritic {
  /** The file inside a model folder that describes the features and threshold. */
  public static final String INFO_FILE = "critic.json";

  private final TextEmbedder embedder;
  private final CriticInfo info;
  private final DjlMlp network;

  private ClassifierCritic(TextEmbedder embedder, CriticInfo info, DjlMlp network) {
    this.embedder = embedder;
    this.info = info;
    this.network = network;
  }

  /**
   * Describes a trained critic: what it needs as input and where it cuts.
   *
   * @param embeddingDim length of the text embedding
   * @param sideFeatures names of the numeric side features, in order (record score names)
   * @param sideMean training mean of each side feature
   * @param sideStd training standard deviation of each side feature
   * @param hidden hidden units of the network
   * @param threshold keep a record when its score is at least this
   * @param trainedOn number of training examples
   */
  public record CriticInfo(int embeddingDim, List<String> sideFeatures, double[] sideMean,
      double[] sideStd, int hidden, double threshold, int trainedOn) {
    public CriticInfo {
      sideFeatures = List.copyOf(sideFeatures);
    }
  }

  /** Embeds the examples' texts and trains; see {@link #trainOnFeatures}. */
  public static ClassifierCritic train(List<CriticExample> examples, List<String> sideFeatures,
      CriticSettings settings, TextEmbedder embedder) {
    return train(examples, List.of(), sideFeatures, settings, embedder, 0,
        (epoch, loss, devAp) -> {});
  }

  /** What training reports after each epoch. */
  @FunctionalInterface
  public interface EpochLog {
    /** Epoch {@code epoch} (1-based) ended with mean training loss {@code loss}; {@code devAp}
     * is the dev set's average precision, NaN without a dev set. */
    void epoch(int epoch, double loss, double devAp);
  }

  /**
   * Trains, reporting each epoch's loss and the average precision on {@code dev} (may be empty).
   * With a dev set the returned critic has the weights of the epoch with the best dev AP, and
   * training stops after {@code patience} epochs without a better one (0: runs every epoch).
   */
  public static ClassifierCritic train(List<CriticExample> examples, List<CriticExample> dev,
      List<String> sideFeatures, CriticSettings settings, TextEmbedder embedder, int patience,
      EpochLog log) {
    float[][] emb = embed(embedder, examples.stream().map(CriticExample::text).toList());
    float[][] devEmb = embed(embedder, dev.stream().map(CriticExample::text).toList());
    double[][] devSide = dev.stream().map(CriticExample::side).toArray(double[][]::new);
    double[][] side = examples.stream().map(CriticExample::side).toArray(double[][]::new);
    boolean[] labels = labels(examples);
    boolean[] devLabels = labels(dev);
    boolean devUsable = dev.stream().anyMatch(CriticExample::accepted);
    CriticInfo info = info(emb, side, labels, sideFeatures, settings);
    DjlMlp.EpochCheck check = (epoch, loss, net) -> {
      double ap = Double.NaN;
      if (devUsable) {
        float[] p = new ClassifierCritic(embedder, info, net).scoreFeatures(devEmb, devSide);
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
          d[i] = p[i];
        }
        ap = new Calibration(d, devLabels).averagePrecision();
      }
      log.epoch(epoch, loss, ap);
      return ap;
    };
    return new ClassifierCritic(embedder, info,
        DjlMlp.train(inputs(info, emb, side), targets(labels), settings, check, patience));
  }

  private static boolean[] labels(List<CriticExample> examples) {
    boolean[] labels = new boolean[examples.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = examples.get(i).accepted();
    }
    return labels;
  }

  /**
   * Trains on precomputed unit embeddings (so cross-validation embeds once). The threshold starts
   * at 0.5; {@link #withThreshold} sets a calibrated one.
   */
  public static ClassifierCritic trainOnFeatures(float[][] embeddings, double[][] side,
      boolean[] labels, List<String> sideFeatures, CriticSettings settings,
      TextEmbedder embedder) {
    CriticInfo info = info(embeddings, side, labels, sideFeatures, settings);
    return new ClassifierCritic(embedder, info,
        DjlMlp.train(inputs(info, embeddings, side), targets(labels), settings));
  }

  /** The feature layout and side-feature standardisation learnt from the training rows. */
  private static CriticInfo info(float[][] embeddings, double[][] side, boolean[] labels,
      List<String> sideFeatures, CriticSettings settings) {
    int n = embeddings.length;
    if (n == 0 || side.length != n || labels.length != n) {
      throw new IllegalArgumentException("need the same positive number of embeddings, side rows"
          + " and labels, found " + n + ", " + side.length + ", " + labels.length);
    }
    int k = sideFeatures.size();
    double[] mean = new double[k];
    double[] std = new double[k];
    for (double[] row : side) {
      if (row.length != k) {
        throw new IllegalArgumentException("expected " + k + " side features " + sideFeatures
            + ", found a row with " + row.length);
      }
      for (int j = 0; j < k; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : side) {
      for (int j = 0; j < k; j++) {
        std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < k; j++) {
      std[j] = Math.sqrt(std[j]) > 1e-9 ? Math.sqrt(std[j]) : 1;
    }
    return new CriticInfo(embeddings[0].length, sideFeatures, mean, std, settings.hidden(), 0.5,
        n);
  }

  private static float[][] inputs(CriticInfo info, float[][] embeddings, double[][] side) {
    float[][] x = new float[embeddings.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = features(info, embeddings[i], side[i]);
    }
    return x;
  }

  private static float[] targets(boolean[] labels) {
    float[] y = new float[labels.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = labels[i] ? 1 : 0;
    }
    return y;
  }

  /** Loads a critic saved by {@link #save}; {@code embedder} must be the one it was trained with. */
  public static ClassifierCritic load(Path dir, TextEmbedder embedder) {
    Path infoFile = dir.resolve(INFO_FILE);
    CriticInfo info;
    try {
      info = CorpusJson.json().readValue(infoFile.toFile(), CriticInfo.class);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new InputException(new SourceLocation(infoFile, 0),
          "not a critic model folder (no " + INFO_FILE + "); train one with `distill critic train`");
    } catch (IOException e) {
      throw new InputException(new SourceLocation(infoFile, 0), "cannot read: " + e.getMessage(),
          e);
    }
    int inputs = info.embeddingDim() + info.sideFeatures().size();
    return new ClassifierCritic(embedder, info, DjlMlp.load(dir, inputs, info.hidden()));
  }

  /** Writes the network and {@value #INFO_FILE} into {@code dir}, creating it. */
  public void save(Path dir) {
    try {
      Files.createDirectories(dir);
      network.save(dir);
      CorpusJson.json().writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve(INFO_FILE).toFile(), info);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the critic to " + dir, e);
    }
  }

  /** The same network with another cut-off (e.g. from {@link Calibration}). */
  public ClassifierCritic withThreshold(double threshold) {
    CriticInfo next = new CriticInfo(info.embeddingDim(), info.sideFeatures(), info.sideMean(),
        info.sideStd(), info.hidden(), threshold, info.trainedOn());
    return new ClassifierCritic(embedder, next, network);
  }

  public CriticInfo info() {
    return info;
  }

  /** The trained network: neural's shared head, ReLU and no dropout. */
  public ScoringHead network() {
    return network.head();
  }

  /** Acceptance probabilities for texts with their side features (rows in declared order). */
  public float[] score(List<String> texts, double[][] side) {
    return scoreFeatures(embed(embedder, texts), side);
  }

  /** Acceptance probabilities of examples (their labels are ignored). */
  @Override
  public double[] score(List<CriticExample> examples) {
    float[] p = score(examples.stream().map(CriticExample::text).toList(),
        examples.stream().map(CriticExample::side).toArray(double[][]::new));
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i];
    }
    return out;
  }

  @Override
  public List<String> sideFeatures() {
    return info.sideFeatures();
  }

  /** Acceptance probabilities from precomputed unit embeddings. */
  public float[] scoreFeatures(float[][] embeddings, double[][] side) {
    float[][] x = new float[embeddings.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = features(info, embeddings[i], side[i]);
    }
    return network.predict(x);
  }

  /** Acceptance probabilities of records; side features come from their scores. */
  public float[] scoreRecords(List<CorpusRecord> records) {
    double[][] side = new double[records.size()][];
    for (int i = 0; i < side.length; i++) {
      side[i] = sideOf(records.get(i));
    }
    return score(records.stream().map(r -> r.knowledge().text()).toList(), side);
  }

  /**
   * The side features of a record from its scores; fails naming the record and the missing score,
   * since a critic fed a default value would silently score garbage.
   */
  public double[] sideOf(CorpusRecord r) {
    double[] out = new double[info.sideFeatures().size()];
    for (int j = 0; j < out.length; j++) {
      Double v = r.scores().get(info.sideFeatures().get(j));
      if (v == null) {
        throw new InputException("record " + r.id() + " has no score \""
            + info.sideFeatures().get(j) + "\", a side feature of this critic");
      }
      out[j] = v;
    }
    return out;
  }

  @Override
  public double threshold() {
    return info.threshold();
  }

  /**
   * Unit-length embeddings of the texts, in one {@code embed} call: the caching embedder batches
   * it and can then report progress over the whole list.
   */
  public static float[][] embed(TextEmbedder embedder, List<String> texts) {
    float[][] out = new float[texts.size()][];
    List<float[]> e = embedder.embed(texts);
    for (int i = 0; i < e.size(); i++) {
      out[i] = unit(e.get(i));
    }
    return out;
  }

  private static float[] unit(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float inv = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i] * inv;
    }
    return out;
  }

  private static float[] features(CriticInfo info, float[] embedding, double[] side) {
    if (embedding.length != info.embeddingDim()) {
      throw new IllegalArgumentException("expected a " + info.embeddingDim()
          + "-dimensional embedding, found " + embedding.length);
    }
    int k = info.sideFeatures().size();
    float[] x = new float[embedding.length + k];
    System.arraycopy(embedding, 0, x, 0, embedding.length);
    for (int j = 0; j < k; j++) {
      x[embedding.length + j] = (float) ((side[j] - info.sideMean()[j]) / info.sideStd()[j]);
    }
    return x;
  }

  @Override
  public void close() {
    network.close();
  }
}
