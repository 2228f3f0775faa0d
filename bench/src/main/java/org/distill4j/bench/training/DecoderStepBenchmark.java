package org.distill4j.bench.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.train.CausalLmTask;
import org.distill4j.neural.decoder.chat.PackedRow;
import org.distill4j.neural.tune.AdamW;

/**
 * Training throughput of a Llama-shaped {@link DecoderLm} (DJL, PyTorch engine, CPU): full steps
 * as {@code neural.tune.FineTuner} runs them for {@link CausalLmTask} (forward, next-token loss on
 * every position, backward through a {@link GradientCollector}, the project's {@link AdamW} over
 * every weight), on a fixed batch of random ids. Reports tokens/s, model FLOP/s counted as
 * {@code bench/python/decoder_step.py} counts them, MFU against the same engine's float32 matMul
 * rate in the same process, and the live-array count and RSS at a few steps. With
 * {@code --script}, runs {@code decoder_step.py} (plain PyTorch, same shapes, batch and threads)
 * afterwards and prints the ratio.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.DecoderStepBenchmark --threads 2 \
 *   --script bench/python/decoder_step.py \
 *   --blas /tmp/openblas/root/usr/lib/x86_64-linux-gnu/openblas-pthread
 * </pre>
 */
public final class DecoderStepBenchmark {
  /** decoder_step.py's learning rate; the value only matters in that the weights move. */
  private static final double LEARNING_RATE = 1e-4;
  private static final boolean CHECK_GRADIENTS =
      Boolean.getBoolean("distill4j.bench.checkGradients");

  private DecoderStepBenchmark() {}

  /** Batch shape and how many steps to run: warm-up, timed (right after it), and in all. */
  record Settings(int batch, int seq, int warmup, int timed, int steps) {
    Settings {
      if (timed < 1 || steps < warmup + timed) {
        throw new IllegalArgumentException("need at least one timed step and steps >= warmup +"
            + " timed; found warmup " + warmup + ", timed " + timed + ", steps " + steps);
      }
    }

    long tokens() {
      return (long) batch * seq;
    }
  }

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    int threads = args.integer("threads", 2);
    // Before the engine loads: PyTorch reads its thread counts once.
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    int warmup = args.integer("warmup", 2);
    int timed = args.integer("timed", 5);
    Settings s = new Settings(args.integer("batch", 4), args.integer("seq", 256), warmup, timed,
        args.integer("steps", warmup + timed));
    Path folder = RandomLlamaFolder.resolve(args);
    try (DecoderLm model = DecoderLm.load(folder, null, Device.cpu(), 1)) {
      DecoderConfig c = model.config();
      System.out.printf("engine %s %s, %d threads; %s: %,d parameters (%,d in matmuls); hidden %d,"
          + " %d layers, %d heads, %d kv heads, intermediate %d, vocab %d; batch %d x %d tokens;"
          + " %d warm-up steps, %d timed, %d in all%n", Engine.getInstance().getEngineName(),
          Engine.getInstance().getVersion(), threads, folder, RandomLlamaFolder.parameters(c),
          RandomLlamaFolder.matMulParameters(c), c.hiddenSize(), c.layers(), c.heads(),
          c.kvHeads(), c.intermediateSize(), c.vocabSize(), s.batch(), s.seq(), s.warmup(),
          s.timed(), s.steps());
      int n = args.integer("matmul", 2048);
      double before = EncoderFineTuneBenchmark.matMulFlopsPerSecond(model.manager(), n, 5);
      Timed t = train(model, s, n);
      double after = EncoderFineTuneBenchmark.matMulFlopsPerSecond(model.manager(), n, 5);
      // The machine is shared: the highest matMul rate seen anywhere in the run is the
      // denominator, so a busy spell during one measurement cannot inflate utilisation.
      double peak = Math.max(Math.max(before, after), Arrays.stream(t.matMul()).max().orElse(0));
      System.out.printf("float32 matMul %d x %d: %.1f GFLOP/s before the steps (best of 5), %.1f"
          + " after, %.1f best before a timed step (best of 3 each); peak %.1f%n", n, n,
          before / 1e9, after / 1e9, Arrays.stream(t.matMul()).max().orElse(0) / 1e9, peak / 1e9);
      double tokensPerSecond = report(c, s, t, peak);
      String script = args.text("script", "");
      if (!script.isEmpty()) {
        DecoderStepBaseline.compare(args, script, c, s, threads, tokensPerSecond,
            s.tokens() / t.median());
      }
    }
  }

  /**
   * The timed steps' seconds, and the matMul rate measured right before each (so a step and the
   * rate it is divided by share the load of the moment).
   */
  record Timed(double[] seconds, double[] matMul) {
    double median() {
      return DecoderStepBaseline.median(seconds);
    }
  }

  /**
   * Prints the window's tokens/s and MFU (the headline), the median and fastest step, and the
   * median of each step's MFU against the matMul measured just before it; returns tokens/s.
   */
  private static double report(DecoderConfig c, Settings s, Timed t, double peak) {
    double flops = stepFlops(c, s);
    double tokensPerSecond = s.timed() * s.tokens() / Arrays.stream(t.seconds()).sum();
    double achieved = flops * tokensPerSecond / s.tokens();
    System.out.printf("DJL (PyTorch engine): %.1f tokens/s (%.2f s/step, mean of %d); step FLOPs"
        + " %.1f G; achieved %.1f GFLOP/s; MFU %.2f of the peak matMul rate%n", tokensPerSecond,
        s.tokens() / tokensPerSecond, s.timed(), flops / 1e9, achieved / 1e9, achieved / peak);
    double median = t.median();
    double fastest = Arrays.stream(t.seconds()).min().orElseThrow();
    double[] paired = new double[t.seconds().length];
    Arrays.setAll(paired, i -> flops / t.seconds()[i] / t.matMul()[i]);
    System.out.printf("timed steps: median %.2f s = %.1f tokens/s (MFU %.2f), fastest %.2f s ="
        + " %.1f tokens/s (MFU %.2f); median of per-step MFU against the matMul just before each:"
        + " %.2f%n", median, s.tokens() / median, flops / median / peak, fastest,
        s.tokens() / fastest, flops / fastest / peak, DecoderStepBaseline.median(paired));
    return tokensPerSecond;
  }

  /**
   * decoder_step.py's model FLOPs per step: 6 × matmul weights × tokens for the linear layers
   * (forward, backward to inputs and to weights) plus 12 × layers × seq × heads × head size ×
   * tokens for the score and context products over the full square, masked half included.
   */
  static double stepFlops(DecoderConfig c, Settings s) {
    double linear = 6.0 * RandomLlamaFolder.matMulParameters(c) * s.tokens();
    double attention = 12.0 * c.layers() * s.seq() * c.heads() * c.headDim() * s.tokens();
    return linear + attention;
  }

  /** One example per row: positions 0, 1, 2…, segment 1. */
  private static PackedRow single(long[] ids, int[] loss) {
    long[] positions = new long[ids.length];
    Arrays.setAll(positions, i -> i);
    int[] segments = new int[ids.length];
    Arrays.fill(segments, 1);
    return new PackedRow(ids, loss, positions, segments);
  }

  /** Fixed rows of random ids, every position after the first a target. */
  static List<PackedRow> rows(DecoderConfig c, Settings s) {
    Random random = new Random(1);
    List<PackedRow> rows = new ArrayList<>();
    for (int r = 0; r < s.batch(); r++) {
      long[] ids = new long[s.seq()];
      Arrays.setAll(ids, i -> random.nextInt(c.vocabSize()));
      int[] loss = new int[s.seq()];
      Arrays.fill(loss, 1);
      rows.add(single(ids, loss));
    }
    return rows;
  }

  /**
   * Runs the steps; returns the seconds of each timed step (those right after warm-up) with the
   * {@code n}² matMul rate measured before it, and prints every step's time and loss, and memory
   * at the first, last warm-up, last timed and last step.
   */
  static Timed train(DecoderLm model, Settings s, int n) {
    List<PackedRow> rows = rows(model.config(), s);
    CausalLmTask task = new CausalLmTask(s.batch());
    // As FineTuner.run does: every weight trains, gradients on.
    model.parameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
    ParameterStore store = new ParameterStore(model.manager(), false);
    // No weight decay, as decoder_step.py; clipping at 1.0, FineTuner's usual setting.
    AdamW adamW = new AdamW(model.trainable(), 0.0, 1.0, model.manager());
    Timed timed = new Timed(new double[s.timed()], new double[s.timed()]);
    for (int step = 1; step <= s.steps(); step++) {
      boolean isTimed = step > s.warmup() && step <= s.warmup() + s.timed();
      double matMul = isTimed
          ? EncoderFineTuneBenchmark.matMulFlopsPerSecond(model.manager(), n, 3) : 0;
      long started = System.nanoTime();
      int skippedBefore = adamW.skipped();
      float[] lossAndNorm = step(model, task, store, adamW, rows);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (isTimed) {
        timed.seconds()[step - s.warmup() - 1] = seconds;
        timed.matMul()[step - s.warmup() - 1] = matMul;
      }
      System.out.printf("step %d: %.2f s, loss %.4f, gradient norm %.3g%s, load %s%s%s%n", step,
          seconds, lossAndNorm[0], lossAndNorm[1],
          adamW.skipped() > skippedBefore ? " (not finite: AdamW skipped the update)" : "",
          ProcessMemory.load(),
          isTimed ? String.format("; matMul before it %.1f GFLOP/s", matMul / 1e9) : "",
          step == 1 || step == s.warmup() || step == s.warmup() + s.timed() || step == s.steps()
              ? "; " + ProcessMemory.now(model.manager()) : "");
    }
    return timed;
  }

  /**
   * Names each parameter whose gradient holds NaN or infinity, with how many: AdamW only says
   * that the global norm was not finite. Off by default, since it costs a pass over every
   * gradient ({@code -Ddistill4j.bench.checkGradients=true}).
   */
  private static void nonFinite(DecoderLm model) {
    try (NDScope ignored = new NDScope()) {
      model.trainable().forEach((name, p) -> {
        NDArray g = p.getArray().getGradient();
        long nan = g.isNaN().sum().toType(DataType.INT64, false).getLong();
        long inf = g.isInfinite().sum().toType(DataType.INT64, false).getLong();
        if (nan + inf > 0) {
          System.out.printf("  gradient of %s %s: %d NaN, %d infinite of %d%n", name,
              g.getShape(), nan, inf, g.size());
        }
      });
    }
  }

  /**
   * FineTuner's step: forward and backward in a scope that frees the step, then AdamW; returns
   * the loss and the gradient norm before clipping.
   */
  private static float[] step(DecoderLm model, CausalLmTask task, ParameterStore store,
      AdamW adamW, List<PackedRow> rows) {
    float loss;
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray l = task.loss(model, store, scope, rows);
      collector.backward(l);
      loss = l.getFloat();
    }
    if (CHECK_GRADIENTS) {
      nonFinite(model);
    }
    double norm = adamW.step(LEARNING_RATE);
    return new float[] {loss, (float) norm};
  }
}
