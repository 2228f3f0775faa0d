package org.distill4j.bench.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill4j.neural.bert.BertBlock;
import org.distill4j.neural.bert.BertConfig;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertClassifierBlock;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.tune.AdamW;

/**
 * Fine-tuning throughput of the MiniLM-shaped {@link BertBlock} (DJL, PyTorch engine, CPU): full
 * steps of forward, mean pooling, a classification head with cross-entropy, backward through a
 * {@link GradientCollector} and an {@code neural.tune.AdamW} update, on a fixed batch of random token
 * ids with every position real. Reports examples/s, tokens/s and model FLOPs utilisation against
 * the same engine's float32 matrix-product rate measured in the same process, and checks that
 * memory stays flat over the epoch. With {@code --script}, runs {@code bench/python/bert_step.py}
 * (plain PyTorch, same architecture and settings) afterwards and prints the ratio.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.EncoderFineTuneBenchmark --threads 2 --folder /tmp/minilm \
 *   --script bench/python/bert_step.py
 * </pre>
 */
public final class EncoderFineTuneBenchmark {
  /** all-MiniLM-L6-v2's shape, used when no folder is given. */
  static final BertConfig MINILM =
      new BertConfig(384, 6, 12, 1536, 30522, 512, 2, 1e-12, 0.1, 0.1);

  private static final int CLASSES = 4;
  /** Pooled vectors are unit length, so logits are scaled as a cosine classifier's would be. */
  private static final float LOGIT_SCALE = 20f;

  private EncoderFineTuneBenchmark() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    int threads = args.integer("threads", 2);
    // Before the engine loads: PyTorch reads its thread counts once.
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Settings s = new Settings(args.integer("batch", 16), args.integer("length", 128),
        args.integer("warmup", 3), args.integer("steps", 200), args.integer("timed", 20));
    String folder = args.text("folder", "");
    BertHead head = new BertHead(BertHead.Kind.SEQUENCE_CLASSIFICATION,
        List.of("a", "b", "c", "d"));
    try (NDManager manager = NDManager.newBaseManager();
        BertClassifier pretrained = folder.isEmpty() ? null
            : BertClassifier.create(Path.of(folder), head, null, s.length(), 1)) {
      BertClassifierBlock block = pretrained == null ? randomBlock(manager, s, head)
          : pretrained.block();
      BertConfig c = block.body().config();
      System.out.printf("engine %s %s, %d threads; %s weights; hidden %d, %d layers, %d heads,"
          + " intermediate %d; batch %d x %d tokens; %d warm-up steps, %d steps in all%n",
          Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), threads,
          pretrained == null ? "random" : "pretrained (" + folder + ")", c.hiddenSize(),
          c.numHiddenLayers(), c.numAttentionHeads(), c.intermediateSize(), s.batch(),
          s.length(), s.warmup(), s.steps());
      int n = args.integer("matmul", 2048);
      double before = matMulFlopsPerSecond(manager, n, 5);
      double stepsPerSecond = train(pretrained == null ? manager : pretrained.manager(), block,
          s);
      // Measured on both sides of the epoch because the machine is shared: the higher rate is
      // the denominator, so a busy spell during one measurement cannot inflate utilisation.
      double after = matMulFlopsPerSecond(manager, n, 5);
      System.out.printf("float32 matMul %d x %d, best of 5: %.1f GFLOP/s before the epoch,"
          + " %.1f after%n", n, n, before / 1e9, after / 1e9);
      report(c, s, stepsPerSecond, Math.max(before, after));
      String script = args.text("script", "");
      if (!script.isEmpty()) {
        compareWithPyTorch(args.text("python", "/usr/bin/python3"), script, c, s, threads,
            stepsPerSecond);
      }
    }
  }

  /** Batch shape and how many steps to run: warm-up, timed (right after it), and in all. */
  record Settings(int batch, int length, int warmup, int steps, int timed) {
    long tokens() {
      return (long) batch * length;
    }
  }

  /** A block of {@link #MINILM}'s shape initialised as BERT is: N(0, 0.02), norms at one. */
  static BertClassifierBlock randomBlock(NDManager manager, Settings s, BertHead head) {
    Engine.getInstance().setRandomSeed(1);
    BertClassifierBlock block = new BertClassifierBlock(MINILM, head, null);
    block.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
    block.setInitializer(new ConstantInitializer(1f),
        p -> p.getName().endsWith("LayerNorm.weight"));
    Shape shape = new Shape(s.batch(), s.length());
    block.initialize(manager, DataType.FLOAT32, shape, shape, shape);
    return block;
  }

  /**
   * Training FLOPs of one step, counted as the brief for this benchmark fixes them: 6 multiply-adds
   * per token per weight of every linear layer (forward, and backward to inputs and to weights),
   * plus the attention score and context products (2 × 2 × batch × heads × tokens² × head size
   * forward, twice that backward). Embeddings, norms, softmax, GELU and the optimizer are left
   * out, so the figure is a lower bound on the work done.
   */
  static double stepFlops(BertConfig c, Settings s) {
    long h = c.hiddenSize();
    long linearWeights = c.numHiddenLayers() * (4 * h * h + 2 * h * c.intermediateSize());
    double linear = 6.0 * linearWeights * s.tokens();
    double attentionForward = 2.0 * 2 * s.batch() * c.numAttentionHeads()
        * (double) s.length() * s.length() * c.headSize();
    return linear + 3 * attentionForward * c.numHiddenLayers();
  }

  /** The engine's best rate on {@code n}×{@code n} float32 products, in FLOP/s. */
  static double matMulFlopsPerSecond(NDManager manager, int n, int rounds) {
    try (NDManager scope = manager.newSubManager()) {
      NDArray a = scope.randomNormal(new Shape(n, n));
      NDArray b = scope.randomNormal(new Shape(n, n));
      a.matMul(b).close();
      long best = Long.MAX_VALUE;
      for (int i = 0; i < rounds; i++) {
        long start = System.nanoTime();
        try (NDArray product = a.matMul(b)) {
          best = Math.min(best, System.nanoTime() - start);
        }
      }
      return 2.0 * n * n * n / (best / 1e9);
    }
  }

  /**
   * Runs the epoch the way {@code FineTuner} steps (forward with dropout, cross-entropy,
   * backward, the project's AdamW with clipping and decay); returns steps per second over the
   * timed steps right after warm-up.
   */
  static double train(NDManager manager, BertClassifierBlock block, Settings s) {
    Random random = new Random(1);
    long[] ids = new long[(int) s.tokens()];
    int vocab = block.body().config().vocabSize();
    for (int i = 0; i < ids.length; i++) {
      // Above the special and unused ids, as real word pieces are.
      ids[i] = 1000 + random.nextInt(vocab - 1000);
    }
    int classes = block.head().outputs();
    float[] labels = new float[s.batch() * classes];
    for (int i = 0; i < s.batch(); i++) {
      labels[i * classes + random.nextInt(classes)] = 1f;
    }
    Map<String, Parameter> weights = block.parametersByName();
    weights.values().forEach(p -> p.getArray().setRequiresGradient(true));
    ParameterStore store = new ParameterStore(manager, false);
    AdamW adamW = new AdamW(weights, 0.01, 1.0, manager);
    long timedStart = 0;
    double stepsPerSecond = 0;
    for (int step = 1; step <= s.steps(); step++) {
      if (step == s.warmup() + 1) {
        timedStart = System.nanoTime();
      }
      float loss = step(manager, block, store, adamW, ids, labels, s);
      if (step == s.warmup() + s.timed()) {
        stepsPerSecond = s.timed() / ((System.nanoTime() - timedStart) / 1e9);
      }
      if (step == 1 || step == 20 || step == s.warmup() + s.timed() || step % 50 == 0
          || step == s.steps()) {
        System.out.printf("step %d: loss %.4f; %s%n", step, loss, ProcessMemory.now(manager));
      }
    }
    return stepsPerSecond;
  }

  /** One training step in its own scope, so every activation and gradient view is freed. */
  private static float step(NDManager manager, BertClassifierBlock block, ParameterStore store,
      AdamW adamW, long[] ids, float[] labels, Settings s) {
    try (NDManager scope = manager.newSubManager()) {
      Shape shape = new Shape(s.batch(), s.length());
      NDList inputs = new NDList(scope.create(ids, shape), scope.zeros(shape, DataType.INT64),
          scope.ones(shape, DataType.INT64));
      NDArray target = scope.create(labels, new Shape(s.batch(), block.head().outputs()));
      float loss;
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = block.forward(store, inputs, true).singletonOrThrow();
        NDArray l = logits.logSoftmax(1).mul(target).sum().neg().div(s.batch());
        collector.backward(l);
        loss = l.getFloat();
      }
      adamW.step(2e-5);
      return loss;
    }
  }

  private static void report(BertConfig c, Settings s, double stepsPerSecond, double peak) {
    double flops = stepFlops(c, s);
    System.out.printf("DJL (PyTorch engine): %.2f steps/s = %.1f examples/s = %.0f tokens/s%n",
        stepsPerSecond, stepsPerSecond * s.batch(), stepsPerSecond * s.tokens());
    System.out.printf("step FLOPs %.1f G; achieved %.1f GFLOP/s; MFU %.2f of the matMul rate%n",
        flops / 1e9, flops * stepsPerSecond / 1e9, flops * stepsPerSecond / peak);
  }

  private static void compareWithPyTorch(String python, String script, BertConfig c,
      Settings s, int threads, double djlStepsPerSecond) throws Exception {
    List<String> cmd = List.of(python, script, "--threads", String.valueOf(threads),
        "--batch", String.valueOf(s.batch()), "--length", String.valueOf(s.length()),
        "--warmup", String.valueOf(s.warmup()), "--steps", String.valueOf(s.timed()),
        "--hidden", String.valueOf(c.hiddenSize()), "--layers",
        String.valueOf(c.numHiddenLayers()), "--heads", String.valueOf(c.numAttentionHeads()),
        "--intermediate", String.valueOf(c.intermediateSize()), "--vocab",
        String.valueOf(c.vocabSize()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      System.out.println("plain PyTorch: failed\n" + out);
      return;
    }
    System.out.println(out);
    String last = out.substring(out.lastIndexOf('\n') + 1);
    double torchStepsPerSecond = Double.parseDouble(last.replaceAll(".*steps/s=", ""));
    System.out.printf("ratio DJL / plain PyTorch (steps/s): %.2fx%n",
        djlStepsPerSecond / torchStepsPerSecond);
  }
}
