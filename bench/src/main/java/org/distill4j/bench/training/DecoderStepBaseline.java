package org.distill4j.bench.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distill4j.neural.decoder.DecoderConfig;

/**
 * Runs {@code bench/python/decoder_step.py} (plain PyTorch) with {@link DecoderStepBenchmark}'s
 * shapes, batch, warm-up, timed steps and threads, and prints the ratio of the two rates.
 */
final class DecoderStepBaseline {
  private DecoderStepBaseline() {}

  /** The median of {@code values} (the upper one of an even count). */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * Runs the script and prints its line, then DJL / PyTorch for the timed window's mean and for
   * the median step; {@code --blas} names a folder whose {@code libblas.so.3} the child loads
   * (OpenBLAS in front of Debian's reference BLAS).
   */
  static void compare(BenchArgs args, String script, DecoderConfig c,
      DecoderStepBenchmark.Settings s, int threads, double djlMean, double djlMedian)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(args.text("python", "/usr/bin/python3"), script,
        "--threads", String.valueOf(threads), "--batch", String.valueOf(s.batch()),
        "--seq", String.valueOf(s.seq()), "--warmup", String.valueOf(s.warmup()),
        "--steps", String.valueOf(s.timed()), "--hidden", String.valueOf(c.hiddenSize()),
        "--layers", String.valueOf(c.layers()), "--heads", String.valueOf(c.heads()),
        "--kv-heads", String.valueOf(c.kvHeads()),
        "--intermediate", String.valueOf(c.intermediateSize()),
        "--vocab", String.valueOf(c.vocabSize()),
        "--matmul", String.valueOf(args.integer("matmul", 2048))));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    String blas = args.text("blas", "");
    if (!blas.isEmpty()) {
      // Only the child sees it: DJL's own libtorch in this process is left as it is.
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
    double mean = result.path("tokens_per_s").asDouble();
    double[] steps = new double[result.path("step_seconds").size()];
    Arrays.setAll(steps, i -> result.path("step_seconds").get(i).asDouble());
    double median = steps.length == 0 ? Double.NaN : s.tokens() / median(steps);
    System.out.printf("plain PyTorch %s (%s): %.1f tokens/s mean, %.1f median step, MFU %.2f"
        + " against its own matMul (%.1f GFLOP/s); DJL / plain PyTorch: %.2fx (means), %.2fx"
        + " (medians)%n", result.path("torch").asText(), blas.isEmpty() ? "its own BLAS"
        : "OpenBLAS from " + blas, mean, median, result.path("mfu").asDouble(),
        result.path("matmul_flops_per_s").asDouble() / 1e9, djlMean / mean, djlMedian / median);
  }
}
