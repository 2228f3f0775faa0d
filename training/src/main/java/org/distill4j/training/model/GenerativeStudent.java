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
import java.util.List;
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
   * Writes a target for each input: by beam search when {@code decoding} says so (see
   * {@link BeamSearch}), else greedily or sampled, all inputs together (see {@link StepDecoder}).
   */
  public List<String> generate(List<String> inputs, Decoding decoding, int maxNewTokens) {
    List<List<Integer>> tokens = decoding.isBeam()
        ? beamSearch(inputs, decoding.beamWidth(), maxNewTokens)
        : StepDecoder.run(this, inputs, decoding, maxNewTokens);
    List<String> out = new ArrayList<>(tokens.size());
    for (List<Integer> t : tokens) {
      out.add(tokenizer.decode(t));
    }
    return out;
  }

  /** The best output's tokens for each input by beam search of {@code width}. */
  List<List<Integer>> beamSearch(List<String> inputs, int width, int maxNewTokens) {
    return BeamSearch.run(this, inputs, width, maxNewTokens);
  }

  /** The vocabulary size: the length of each position's logits. */
  int vocabularySize() {
    return block.vocabularySize();
  }

  /**
   * Inference logits, flattened {@code (rows, width, V)}, for right-padded token ids
   * {@code (rows, width)}, computed in a scope of their own.
   */
  float[] logitsOf(long[] ids, int rows, int width) {
    try (NDManager scope = model.getNDManager().newSubManager()) {
      return logits(new NDList(scope.create(ids, new Shape(rows, width)),
          CausalLanguageModelBlock.causalMask(scope, rows, width))).toFloatArray();
    }
  }

  /** {@link #logitsOf} for token sequences, each right-padded to {@code width}. */
  float[] logitsOfSequences(List<List<Integer>> sequences, int width) {
    long[] ids = new long[sequences.size() * width];
    for (int r = 0; r < sequences.size(); r++) {
      int t = 0;
      for (int id : sequences.get(r)) {
        ids[r * width + t++] = id;
      }
    }
    return logitsOf(ids, sequences.size(), width);
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
    int width = seq.size() - 1;
    long[] ids = new long[width];
    for (int t = 0; t < width; t++) {
      ids[t] = seq.get(t);
    }
    float[] all = logitsOf(ids, 1, width);
    int vocab = block.vocabularySize();
    double total = 0;
    for (int t = start - 1; t < width; t++) {
      total += TokenChoice.logSoftmax(all, t * vocab, vocab)[seq.get(t + 1)];
    }
    return total;
  }

  @Override
  public void close() {
    model.close();
  }
}
