package org.distill4j.training.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.distill4j.training.data.TrainingExample;
import org.distill4j.training.tokenizer.TextTokenizer;

/**
 * A causal Transformer student with its tokenizer: encodes examples into batches for training and
 * writes targets for inputs. Owns its DJL {@link Model}; close it when done.
 */
public final class GenerativeStudent implements AutoCloseable {
  /** The name of the parameter files in a checkpoint folder. */
  public static final String MODEL_NAME = "student";

  private final Model model;
  private final CausalLanguageModelBlock block;
  private final TextTokenizer tokenizer;
  private final TransformerSize size;

  private GenerativeStudent(Model model, CausalLanguageModelBlock block, TextTokenizer tokenizer,
      TransformerSize size) {
    this.model = model;
    this.block = block;
    this.tokenizer = tokenizer;
    this.size = size;
  }

  /** A new student with freshly initialised parameters on {@code device}. */
  public static GenerativeStudent create(TransformerSize size, TextTokenizer tokenizer,
      Device device) {
    Model model = Model.newInstance(MODEL_NAME, device);
    CausalLanguageModelBlock block =
        new CausalLanguageModelBlock(size, tokenizer.vocabularySize());
    model.setBlock(block);
    block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, size.maxLength()),
        new Shape(1, size.maxLength(), size.maxLength()));
    return new GenerativeStudent(model, block, tokenizer, size);
  }

  /** A student whose parameters are read from a checkpoint folder written by {@link #save}. */
  public static GenerativeStudent load(Path dir, TransformerSize size, TextTokenizer tokenizer,
      Device device) throws IOException {
    GenerativeStudent student = create(size, tokenizer, device);
    try {
      student.model.load(dir, MODEL_NAME);
    } catch (MalformedModelException e) {
      student.close();
      throw new IOException("cannot read the student in " + dir + ": " + e.getMessage(), e);
    }
    return student;
  }

  /** Writes the parameters into {@code dir}. */
  public void save(Path dir) throws IOException {
    model.save(dir, MODEL_NAME);
  }

  /** The DJL model, for a trainer. */
  public Model model() {
    return model;
  }

  /** The tokenizer. */
  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  /** The size it was built with. */
  public TransformerSize size() {
    return size;
  }

  /** The prompt ids of {@code input}: BOS, the input's last tokens that fit, SEP. */
  public List<Integer> promptIds(String input, int room) {
    List<Integer> in = tokenizer.encode(input);
    int keep = Math.max(1, Math.min(in.size(), room));
    // Keep the end of a long input: the question sits after any retrieved facts.
    List<Integer> out = new ArrayList<>(keep + 2);
    out.add(TextTokenizer.BOS);
    out.addAll(in.subList(in.size() - keep, in.size()));
    out.add(TextTokenizer.SEP);
    return out;
  }

  /** Encodes examples into one right-padded batch on {@code manager}. */
  public SequenceBatch encode(List<TrainingExample> examples, NDManager manager) {
    int max = size.maxLength();
    List<int[]> sequences = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    int longest = 0;
    for (TrainingExample e : examples) {
      List<Integer> target = tokenizer.encode(e.target());
      int targetRoom = Math.max(1, max / 2);
      if (target.size() + 1 > targetRoom) {
        target = target.subList(0, targetRoom - 1);
      }
      List<Integer> seq = new ArrayList<>(promptIds(e.input(), max - 3 - target.size()));
      starts.add(seq.size()); // index of the first target token
      seq.addAll(target);
      seq.add(TextTokenizer.EOS);
      int[] arr = seq.stream().mapToInt(Integer::intValue).toArray();
      sequences.add(arr);
      longest = Math.max(longest, arr.length - 1);
    }
    int b = examples.size();
    long[] ids = new long[b * longest];
    long[] labels = new long[b * longest];
    float[] lossMask = new float[b * longest];
    float[] weights = new float[b * longest];
    long targetTokens = 0;
    long totalTokens = 0;
    for (int i = 0; i < b; i++) {
      int[] seq = sequences.get(i);
      int start = starts.get(i);
      for (int t = 0; t < seq.length - 1; t++) {
        ids[i * longest + t] = seq[t];
        labels[i * longest + t] = seq[t + 1];
        totalTokens++;
        // Position t predicts token t+1; the last label is EOS and keeps its label, so the
        // student learns to stop.
        if (t + 1 >= start) {
          lossMask[i * longest + t] = 1f;
          weights[i * longest + t] = (float) examples.get(i).weight();
          targetTokens++;
        }
      }
    }
    Shape shape = new Shape(b, longest);
    return new SequenceBatch(
        manager.create(ids, shape),
        CausalLanguageModelBlock.causalMask(manager, b, longest),
        manager.create(labels, shape),
        manager.create(lossMask, shape),
        manager.create(weights, shape),
        targetTokens,
        totalTokens);
  }

  /** Logits {@code (B, T, V)} for a batch, in inference mode (no dropout, no gradients). */
  public NDArray logits(NDList data) {
    ParameterStore ps = new ParameterStore(data.head().getManager(), false);
    return block.forward(ps, data, false).head();
  }

  /**
   * Writes a target for each input. Inputs are decoded together: each row is right-padded and
   * reads its next token at its own last position, which the causal mask keeps independent of
   * padding.
   */
  public List<String> generate(List<String> inputs, Decoding decoding, int maxNewTokens) {
    if (decoding.isBeam()) {
      List<String> out = new ArrayList<>(inputs.size());
      for (List<Integer> tokens : beamSearch(inputs, decoding.beamWidth(), maxNewTokens)) {
        out.add(tokenizer.decode(tokens));
      }
      return out;
    }
    Random random = new Random(decoding.seed());
    int n = inputs.size();
    int[][] rows = new int[n][];
    int[] lengths = new int[n];
    boolean[] done = new boolean[n];
    int[] starts = new int[n];
    int room = size.maxLength() - 2 - Math.min(maxNewTokens, size.maxLength() / 2);
    for (int i = 0; i < n; i++) {
      List<Integer> prompt = promptIds(inputs.get(i), room);
      rows[i] = new int[size.maxLength()];
      for (int t = 0; t < prompt.size(); t++) {
        rows[i][t] = prompt.get(t);
      }
      lengths[i] = prompt.size();
      starts[i] = prompt.size();
    }
    for (int step = 0; step < maxNewTokens; step++) {
      int width = 0;
      boolean any = false;
      for (int i = 0; i < n; i++) {
        if (!done[i] && lengths[i] < size.maxLength()) {
          any = true;
        }
        width = Math.max(width, lengths[i]);
      }
      if (!any) {
        break;
      }
      try (NDManager scope = model.getNDManager().newSubManager()) {
        long[] ids = new long[n * width];
        for (int i = 0; i < n; i++) {
          for (int t = 0; t < lengths[i]; t++) {
            ids[i * width + t] = rows[i][t];
          }
        }
        NDArray logits = logits(new NDList(scope.create(ids, new Shape(n, width)),
            CausalLanguageModelBlock.causalMask(scope, n, width)));
        int vocab = block.vocabularySize();
        float[] all = logits.toFloatArray();
        for (int i = 0; i < n; i++) {
          if (done[i] || lengths[i] >= size.maxLength()) {
            done[i] = true;
            continue;
          }
          int offset = (i * width + lengths[i] - 1) * vocab;
          float[] row = Arrays.copyOfRange(all, offset, offset + vocab);
          int next = pick(row, decoding, random);
          rows[i][lengths[i]++] = next;
          if (next == TextTokenizer.EOS) {
            done[i] = true;
          }
        }
      }
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Integer> produced = new ArrayList<>();
      for (int t = starts[i]; t < lengths[i] && rows[i][t] != TextTokenizer.EOS; t++) {
        produced.add(rows[i][t]);
      }
      out.add(tokenizer.decode(produced));
    }
    return out;
  }

  /** A partial or finished output of beam search: its tokens and their total log-probability. */
  private record Hypothesis(List<Integer> tokens, double logProbability, boolean finished) {}

  /**
   * Beam search: keeps the {@code width} partial outputs of highest total log-probability per
   * input and writes the most probable finished one. Scores are not length-normalised, so a short
   * output that the model is sure of (a common tail) wins over a long one it is unsure of. An
   * input stops as soon as its best finished output beats every live one, since adding tokens can
   * only lower a score.
   */
  List<List<Integer>> beamSearch(List<String> inputs, int width, int maxNewTokens) {
    int n = inputs.size();
    int room = size.maxLength() - 2 - Math.min(maxNewTokens, size.maxLength() / 2);
    List<List<Integer>> prompts = new ArrayList<>(n);
    List<List<Hypothesis>> beams = new ArrayList<>(n);
    for (String input : inputs) {
      prompts.add(promptIds(input, room));
      beams.add(List.of(new Hypothesis(List.of(), 0.0, false)));
    }
    int vocab = block.vocabularySize();
    for (int step = 0; step < maxNewTokens; step++) {
      List<int[]> live = new ArrayList<>(); // {input, hypothesis index}
      int width2 = 0;
      for (int i = 0; i < n; i++) {
        List<Hypothesis> beam = beams.get(i);
        if (settled(beam)) {
          continue;
        }
        for (int h = 0; h < beam.size(); h++) {
          Hypothesis hyp = beam.get(h);
          int length = prompts.get(i).size() + hyp.tokens().size();
          if (!hyp.finished() && length < size.maxLength()) {
            live.add(new int[] {i, h});
            width2 = Math.max(width2, length);
          }
        }
      }
      if (live.isEmpty()) {
        break;
      }
      float[] all;
      int rowsCount = live.size();
      int[] lastPosition = new int[rowsCount];
      try (NDManager scope = model.getNDManager().newSubManager()) {
        long[] ids = new long[rowsCount * width2];
        for (int r = 0; r < rowsCount; r++) {
          List<Integer> prompt = prompts.get(live.get(r)[0]);
          List<Integer> tokens = beams.get(live.get(r)[0]).get(live.get(r)[1]).tokens();
          int t = 0;
          for (int id : prompt) {
            ids[r * width2 + t++] = id;
          }
          for (int id : tokens) {
            ids[r * width2 + t++] = id;
          }
          lastPosition[r] = t - 1;
        }
        all = logits(new NDList(scope.create(ids, new Shape(rowsCount, width2)),
            CausalLanguageModelBlock.causalMask(scope, rowsCount, width2))).toFloatArray();
      }
      List<List<Hypothesis>> candidates = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        List<Hypothesis> keep = new ArrayList<>();
        if (settled(beams.get(i))) {
          keep.addAll(beams.get(i));
        } else {
          for (Hypothesis hyp : beams.get(i)) {
            // Finished outputs, and live ones that ran out of room, compete as they are.
            if (hyp.finished()) {
              keep.add(hyp);
            } else if (prompts.get(i).size() + hyp.tokens().size() >= size.maxLength()) {
              keep.add(new Hypothesis(hyp.tokens(), hyp.logProbability(), true));
            }
          }
        }
        candidates.add(keep);
      }
      for (int r = 0; r < rowsCount; r++) {
        int i = live.get(r)[0];
        Hypothesis hyp = beams.get(i).get(live.get(r)[1]);
        int offset = (r * width2 + lastPosition[r]) * vocab;
        double[] logProbs = logSoftmax(all, offset, vocab);
        for (int v : topIds(logProbs, width)) {
          if (logProbs[v] == Double.NEGATIVE_INFINITY) {
            continue;
          }
          double score = hyp.logProbability() + logProbs[v];
          if (v == TextTokenizer.EOS) {
            candidates.get(i).add(new Hypothesis(hyp.tokens(), score, true));
          } else {
            List<Integer> tokens = new ArrayList<>(hyp.tokens());
            tokens.add(v);
            candidates.get(i).add(new Hypothesis(tokens, score, false));
          }
        }
      }
      for (int i = 0; i < n; i++) {
        List<Hypothesis> c = candidates.get(i);
        c.sort((a, b) -> Double.compare(b.logProbability(), a.logProbability()));
        beams.set(i, List.copyOf(c.subList(0, Math.min(width, c.size()))));
      }
    }
    List<List<Integer>> out = new ArrayList<>(n);
    for (List<Hypothesis> beam : beams) {
      // An output still open when the token budget ran out competes with its score so far, as
      // greedy decoding keeps a truncated output.
      out.add(beam.get(0).tokens());
    }
    return out;
  }

  /**
   * The total log-probability the student gives {@code tokens} after {@code input}, followed by
   * EOS when {@code finished}, computed in one forward pass (tests check beam search against it).
   */
  double logProbability(String input, List<Integer> tokens, boolean finished) {
    List<Integer> seq = new ArrayList<>(promptIds(input, size.maxLength()));
    int start = seq.size();
    seq.addAll(tokens);
    if (finished) {
      seq.add(TextTokenizer.EOS);
    }
    if (seq.size() == start) {
      return 0;
    }
    try (NDManager scope = model.getNDManager().newSubManager()) {
      int width = seq.size() - 1;
      long[] ids = new long[width];
      for (int t = 0; t < width; t++) {
        ids[t] = seq.get(t);
      }
      float[] all = logits(new NDList(scope.create(ids, new Shape(1, width)),
          CausalLanguageModelBlock.causalMask(scope, 1, width))).toFloatArray();
      int vocab = block.vocabularySize();
      double total = 0;
      for (int t = start - 1; t < width; t++) {
        total += logSoftmax(all, t * vocab, vocab)[seq.get(t + 1)];
      }
      return total;
    }
  }

  /** Whether the best hypothesis is finished: no live one can overtake it any more. */
  private static boolean settled(List<Hypothesis> beam) {
    return beam.get(0).finished();
  }

  private static double[] logSoftmax(float[] all, int offset, int vocab) {
    double max = Double.NEGATIVE_INFINITY;
    for (int v = 0; v < vocab; v++) {
      max = Math.max(max, all[offset + v]);
    }
    double sum = 0;
    for (int v = 0; v < vocab; v++) {
      sum += Math.exp(all[offset + v] - max);
    }
    double log = max + Math.log(sum);
    double[] out = new double[vocab];
    for (int v = 0; v < vocab; v++) {
      out[v] = all[offset + v] - log;
    }
    // Padding, start and separator are never produced.
    out[TextTokenizer.PAD] = Double.NEGATIVE_INFINITY;
    out[TextTokenizer.BOS] = Double.NEGATIVE_INFINITY;
    out[TextTokenizer.SEP] = Double.NEGATIVE_INFINITY;
    return out;
  }

  private static int[] topIds(double[] values, int k) {
    Integer[] order = new Integer[values.length];
    for (int v = 0; v < values.length; v++) {
      order[v] = v;
    }
    java.util.Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
    int[] out = new int[Math.min(k, values.length)];
    for (int j = 0; j < out.length; j++) {
      out[j] = order[j];
    }
    return out;
  }

  private static int pick(float[] logits, Decoding decoding, Random random) {
    // Padding, start and separator are never produced.
    logits[TextTokenizer.PAD] = Float.NEGATIVE_INFINITY;
    logits[TextTokenizer.BOS] = Float.NEGATIVE_INFINITY;
    logits[TextTokenizer.SEP] = Float.NEGATIVE_INFINITY;
    if (decoding.isGreedy()) {
      int best = 0;
      for (int v = 1; v < logits.length; v++) {
        if (logits[v] > logits[best]) {
          best = v;
        }
      }
      return best;
    }
    float cutoff = Float.NEGATIVE_INFINITY;
    if (decoding.topK() > 0 && decoding.topK() < logits.length) {
      float[] sorted = logits.clone();
      Arrays.sort(sorted);
      cutoff = sorted[sorted.length - decoding.topK()];
    }
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int v = 0; v < logits.length; v++) {
      if (logits[v] >= cutoff && logits[v] > Float.NEGATIVE_INFINITY) {
        p[v] = Math.exp((logits[v] - max) / decoding.temperature());
        sum += p[v];
      }
    }
    double u = random.nextDouble() * sum;
    for (int v = 0; v < p.length; v++) {
      u -= p[v];
      if (u <= 0 && p[v] > 0) {
        return v;
      }
    }
    return TextTokenizer.EOS;
  }

  @Override
  public void close() {
    model.close();
  }
}
