package org.distill4j.training.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.neural.HeadLayout;
import org.distill4j.neural.ScoringHead;
import org.distill4j.training.data.TrainingExample;

/**
 * A scorer on frozen sentence embeddings: for a context (a question, or a head and relation) and a
 * candidate (a choice, or a tail) it reads {@code [c, x, c * x, |c - x|]} of their embeddings and a
 * small trainable network (neural's {@link ScoringHead}: GELU and dropout) gives one score. For multiple choice the scores of a question's choices
 * go through a softmax; for validity one score goes through a sigmoid.
 */
public final class ScorerStudent implements AutoCloseable {
  /** The name of the parameter files in a checkpoint folder. */
  public static final String MODEL_NAME = "scorer";
  private final ScoringHead head;
  private final Model model;
  private final TextEmbedder encoder;
  private final int dimension;

  private ScorerStudent(ScoringHead head, TextEmbedder encoder, int dimension) {
    this.head = head;
    this.model = head.model();
    this.encoder = encoder;
    this.dimension = dimension;
  }

  /** The scorer's layout: {@code hidden} GELU units, then dropout at {@code dropout}. */
  public static HeadLayout layout(int hidden, float dropout) {
    return HeadLayout.withDropout(hidden, HeadLayout.Activation.GELU, dropout);
  }

  private static Shape input(int dimension) {
    return new Shape(1, 1, 4L * dimension);
  }

  /** A new scorer with a {@code hidden}-wide layer over {@code dimension}-long embeddings. */
  public static ScorerStudent create(TextEmbedder encoder, int dimension, int hidden,
      float dropout, Device device) {
    ScoringHead head = ScoringHead.untrained(MODEL_NAME, layout(hidden, dropout), device)
        .initialize(input(dimension));
    return new ScorerStudent(head, encoder, dimension);
  }

  /** Reads parameters written by {@link #save} into a scorer built the same way. */
  public static ScorerStudent load(Path dir, TextEmbedder encoder, int dimension, int hidden,
      float dropout, Device device) throws IOException {
    try {
      return new ScorerStudent(ScoringHead.load(dir, MODEL_NAME, layout(hidden, dropout),
          input(dimension), device), encoder, dimension);
    } catch (MalformedModelException e) {
      throw new IOException("cannot read the scorer in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes the parameters into {@code dir}. */
  public void save(Path dir) throws IOException {
    head.save(dir);
  }

  /** The network: neural's shared head. */
  public ScoringHead network() {
    return head;
  }

  /** The DJL model, for a trainer. */
  public Model model() {
    return model;
  }

  /**
   * The feature vectors of every example: {@code [example][candidate][4 * dimension]}. A
   * multiple-choice example's candidates are its choices; any other example has one candidate,
   * its target. All texts are embedded in one pass so repeated texts are embedded once.
   */
  public float[][][] features(List<TrainingExample> examples) {
    LinkedHashSet<String> texts = new LinkedHashSet<>();
    for (TrainingExample e : examples) {
      texts.add(e.input());
      texts.addAll(candidates(e));
    }
    List<String> order = new ArrayList<>(texts);
    List<float[]> vectors = encoder.embed(order);
    java.util.Map<String, float[]> byText = new java.util.HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      byText.put(order.get(i), vectors.get(i));
    }
    float[][][] out = new float[examples.size()][][];
    for (int i = 0; i < examples.size(); i++) {
      TrainingExample e = examples.get(i);
      float[] c = byText.get(e.input());
      List<String> cands = candidates(e);
      out[i] = new float[cands.size()][];
      for (int j = 0; j < cands.size(); j++) {
        out[i][j] = pair(c, byText.get(cands.get(j)));
      }
    }
    return out;
  }

  /** The candidates an example is scored on. */
  public static List<String> candidates(TrainingExample e) {
    return e.choices().isEmpty() ? List.of(e.target()) : e.choices();
  }

  private float[] pair(float[] c, float[] x) {
    float[] f = new float[4 * dimension];
    for (int k = 0; k < dimension; k++) {
      f[k] = c[k];
      f[dimension + k] = x[k];
      f[2 * dimension + k] = c[k] * x[k];
      f[3 * dimension + k] = Math.abs(c[k] - x[k]);
    }
    return f;
  }

  /**
   * Packs features of some examples into {@code (B, C, F)} with a {@code (B, C)} mask of real
   * candidates (examples with fewer choices are padded).
   */
  public NDList pack(float[][][] features, List<Integer> rows, NDManager manager) {
    int c = 0;
    for (int r : rows) {
      c = Math.max(c, features[r].length);
    }
    int f = 4 * dimension;
    float[] data = new float[rows.size() * c * f];
    float[] mask = new float[rows.size() * c];
    for (int i = 0; i < rows.size(); i++) {
      float[][] cands = features[rows.get(i)];
      for (int j = 0; j < cands.length; j++) {
        System.arraycopy(cands[j], 0, data, (i * c + j) * f, f);
        mask[i * c + j] = 1f;
      }
    }
    return new NDList(manager.create(data, new Shape(rows.size(), c, f)),
        manager.create(mask, new Shape(rows.size(), c)));
  }

  /** Raw scores {@code (B, C)} for packed features; padded candidates get a very low score. */
  public NDArray scores(ParameterStore ps, NDList packed, boolean training) {
    NDArray raw = model.getBlock().forward(ps, new NDList(packed.get(0)), training).head();
    return masked(raw, packed.get(1));
  }

  /** {@code (B, C, 1)} raw outputs as {@code (B, C)} scores, padded candidates pushed down. */
  public static NDArray masked(NDArray raw, NDArray mask) {
    return raw.squeeze(-1).add(mask.sub(1f).mul(1e4f));
  }

  /** Scores in inference mode. */
  public NDArray scores(NDList packed) {
    return scores(new ParameterStore(packed.head().getManager(), false), packed, false);
  }

  @Override
  public void close() {
    head.close();
  }
}
