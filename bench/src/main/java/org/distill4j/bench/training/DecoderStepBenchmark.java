package org.distill4j.bench.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.train.CausalLmTask;
import org.distill4j.neural.decoder.train.TokenRow;
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

  private DecoderStepBenchmark() {}

  /** Batch shape and how many steps to run: warm-up, timed (right after it), and in all. */
  record Settings(int batch, int seq, int warmup, int timed, int steps) {
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
      double tokensPerSecond = train(model, s);
      // Measured on both sides of the steps because the machine is shared: the higher rate is
      // the denominator, so a busy spell during one measurement cannot inflate utilisation.
      double after = EncoderFineTuneBenchmark.matMulFlopsPerSecond(model.manager(), n, 5);
      System.out.printf("float32 matMul %d x %d, best of 5: %.1f GFLOP/s before the steps,"
          + " %.1f after%n", n, n, before / 1e9, after / 1e9);
      double flops = stepFlops(c, s);
      double achieved = flops * tokensPerSecond / s.tokens();
      System.out.printf("DJL (PyTorch engine): %.1f tokens/s (%.2f s/step); step FLOPs %.1f G;"
          + " achieved %.1f GFLOP/s; MFU %.2f of the matMul rate%n", tokensPerSecond,
          s.tokens() / tokensPerSecond, flops / 1e9, achieved / 1e9,
          achieved / Math.max(before, after));
      String script = args.text("script", "");
      if (!script.isEmpty()) {
        compareWithPyTorch(args, script, c, s, threads, tokensPerSecond);
      }
    }
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

  /** Fixed rows of random ids, every position after the first a target. */
  static List<TokenRow> rows(DecoderConfig c, Settings s) {
    Random random = new Random(1);
    List<TokenRow> rows = new ArrayList<>();
    for (int r = 0; r < s.batch(); r++) {
      long[] ids = new long[s.seq()];
      Arrays.setAll(ids, i -> random.nextInt(c.vocabSize()));
      int[] loss = new int[s.seq()];
      Arrays.fill(loss, 1);
      rows.add(TokenRow.single(ids, loss));
    }
    return rows;
  }

  /**
   * Runs the steps; returns tokens per second over the timed steps right after warm-up, and
   * prints the loss and memory at the first, last warm-up, last timed and last step.
   */
  static double train(DecoderLm model, Settings s) {
    List<TokenRow> rows = rows(model.config(), s);
    CausalLmTask task = new CausalLmTask(s.batch());
    // As FineTuner.run does: every weight trains, gradients on.
    model.parameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
    ParameterStore store = new ParameterStore(model.manager(), false);
    // No weight decay, as decoder_step.py; clipping at 1.0, FineTuner's usual setting.
    AdamW adamW = new AdamW(model.trainable(), 0.0, 1.0, model.manager());
    long timedStart = 0;
    double tokensPerSecond = Double.NaN;
    for (int step = 1; step <= s.steps(); step++) {
      if (step == s.warmup() + 1) {
        timedStart = System.nanoTime();
      }
      long started = System.nanoTime();
      float loss = step(model, task, store, adamW, rows);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (step == s.warmup() + s.timed()) {
        tokensPerSecond = s.timed() * s.tokens() / ((System.nanoTime() - timedStart) / 1e9);
      }
      System.out.printf("step %d: %.2f s, loss %.4f%s%n", step, seconds, loss,
          step == 1 || step == s.warmup() || step == s.warmup() + s.timed() || step == s.steps()
              ? "; " + ProcessMemory.now(model.manager()) : "");
    }
    return tokensPerSecond;
  }

  /** FineTuner's step: forward and backward in a scope that frees the step, then AdamW. */
  private static float step(DecoderLm model, CausalLmTask task, ParameterStore store,
      AdamW adamW, List<TokenRow> rows) {
    float loss;
    try (NDManager scope = model.manager().newSubManager();
        GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray l = task.loss(model, store, scope, rows);
      collector.backward(l);
      loss = l.getFloat();
    }
    adamW.step(LEARNING_RATE);
    return loss;
  }

  private static void compareWithPyTorch(BenchArgs args, String script, DecoderConfig c,
      Settings s, int threads, double djlTokensPerSecond) throws Exception {
    List<String> cmd = List.of(args.text("python", "/usr/bin/python3"), script,
        "--threads", String.valueOf(threads), "--batch", String.valueOf(s.batch()),
        "--seq", String.valueOf(s.seq()), "--warmup", String.valueOf(s.warmup()),
        "--steps", String.valueOf(s.timed()), "--hidden", String.valueOf(c.hiddenSize()),
        "--layers", String.valueOf(c.layers()), "--heads", String.valueOf(c.heads()),
        "--kv-heads", String.valueOf(c.kvHeads()),
        "--intermediate", String.valueOf(c.intermediateSize()),
        "--vocab", String.valueOf(c.vocabSize()),
        "--matmul", String.valueOf(args.integer("matmul", 2048)));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    String blas = args.text("blas", "");
    if (!blas.isEmpty()) {
      // Only the child sees it: Debian's torch links the reference libblas.so.3, and this
      // folder's libblas.so.3 is OpenBLAS; DJL's own libtorch is left as it is.
      builder.environment().put("LD_LIBRARY_PATH", blas);
      builder.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
    }
    Process p = builder.start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      System.out.println("plain PyTorch: failed\n" + out);
      return;
    }
    System.out.println(out);
    JsonNode result = new ObjectMapper().readTree(out.substring(out.lastIndexOf('\n') + 1));
    double torchTokensPerSecond = result.path("tokens_per_s").asDouble();
    System.out.printf("plain PyTorch: %.1f tokens/s, MFU %.2f (its own matMul %.1f GFLOP/s);"
        + " ratio DJL / plain PyTorch (tokens/s): %.2fx%n", torchTokensPerSecond,
        result.path("mfu").asDouble(), result.path("matmul_flops_per_s").asDouble() / 1e9,
        djlTokensPerSecond / torchTokensPerSecond);
  }
}
