package org.distill4j.bench.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.DecoderLm;
import org.distill4j.neural.decoder.GenerationSettings;
import org.distill4j.neural.decoder.Generator;

/**
 * Greedy generation speed of a Llama-shaped {@link DecoderLm} with the KV cache
 * ({@link Generator#generate}) against rerunning the whole sequence every step
 * ({@link Generator#generateUncached}), from a short prompt of random ids, no stop ids, so both
 * write exactly {@code --tokens} tokens. Checks that both write the same tokens, and prints the
 * live-array count and RSS after each run so a per-step leak would show ({@code --uncached no}
 * runs only the cached rounds, for a long series of them).
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.KvCacheBenchmark --threads 2 --tokens 256
 * </pre>
 */
public final class KvCacheBenchmark {
  private KvCacheBenchmark() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    int threads = args.integer("threads", 2);
    // Before the engine loads: PyTorch reads its thread counts once.
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    int tokens = args.integer("tokens", 256);
    int cachedRounds = args.integer("rounds", 3);
    Path folder = RandomLlamaFolder.resolve(args);
    try (DecoderLm model = DecoderLm.load(folder, null, Device.cpu(), 1)) {
      DecoderConfig c = model.config();
      long[] prompt = new long[args.integer("prompt", 8)];
      Random random = new Random(1);
      Arrays.setAll(prompt, i -> random.nextInt(c.vocabSize()));
      System.out.printf("engine %s %s, %d threads; %s: %,d parameters; hidden %d, %d layers,"
          + " %d heads, %d kv heads, intermediate %d, vocab %d; prompt %d ids, %d new tokens,"
          + " greedy%n", Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(),
          threads, folder, RandomLlamaFolder.parameters(c), c.hiddenSize(), c.layers(), c.heads(),
          c.kvHeads(), c.intermediateSize(), c.vocabSize(), prompt.length, tokens);
      Generator generator = new Generator(model);
      // Warm-up of both paths (first-call allocation and kernel selection), not timed.
      generator.generate(prompt, GenerationSettings.greedy(8, Set.of()));
      generator.generateUncached(prompt, 8);
      Cached cached = cachedRounds(model, generator, prompt, tokens, cachedRounds);
      if (args.text("uncached", "yes").equals("no")) {
        // Only the cached rounds: a long series of them shows whether memory keeps growing.
        return;
      }
      long start = System.nanoTime();
      long[] uncached = generator.generateUncached(prompt, tokens);
      double uncachedSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("uncached: %d tokens in %.2f s = %.1f tokens/s, load %s; %s%n",
          uncached.length, uncachedSeconds, uncached.length / uncachedSeconds,
          ProcessMemory.load(), ProcessMemory.now(model.manager()));
      // The uncached path runs once (it is the slow one), so the mean of the cached rounds is
      // printed beside their best: the ratio to quote is the mean's, not the flattering one.
      System.out.printf("same tokens: %s; cached %.1f tokens/s (mean of %d; best %.1f) vs"
          + " uncached %.1f tokens/s: %.1fx (best: %.1fx)%n",
          Arrays.equals(cached.tokens(), uncached), tokens / cached.mean(), cachedRounds,
          tokens / cached.best(), tokens / uncachedSeconds, uncachedSeconds / cached.mean(),
          uncachedSeconds / cached.best());
      if (!Arrays.equals(cached.tokens(), uncached)) {
        divergence(model, prompt, cached.tokens(), uncached);
      }
    }
  }

  /** The last cached round's tokens and the rounds' best and mean seconds. */
  private record Cached(long[] tokens, double best, double mean) {}

  private static Cached cachedRounds(DecoderLm model, Generator generator, long[] prompt,
      int tokens, int rounds) {
    GenerationSettings greedy = GenerationSettings.greedy(tokens, Set.of());
    long[] out = null;
    double best = Double.MAX_VALUE;
    double total = 0;
    for (int round = 1; round <= rounds; round++) {
      long start = System.nanoTime();
      out = generator.generate(prompt, greedy);
      double seconds = (System.nanoTime() - start) / 1e9;
      best = Math.min(best, seconds);
      total += seconds;
      System.out.printf("cached round %d: %d tokens in %.2f s = %.1f tokens/s, load %s; %s%n",
          round, out.length, seconds, out.length / seconds, ProcessMemory.load(),
          ProcessMemory.now(model.manager()));
    }
    return new Cached(out, best, total / rounds);
  }

  /**
   * Where the two paths first chose different tokens, and by how much the uncached logits
   * separate the two choices there: random weights give nearly flat logits, so a gap at rounding
   * level means a near-tie broken differently by float order, a large one a cache bug.
   */
  private static void divergence(DecoderLm model, long[] prompt, long[] cached,
      long[] uncached) {
    int at = 0;
    while (cached[at] == uncached[at]) {
      at++;
    }
    long[] context = Arrays.copyOf(prompt, prompt.length + at);
    System.arraycopy(uncached, 0, context, prompt.length, at);
    float[] logits = model.logits(new long[][] {context});
    int vocab = model.config().vocabSize();
    int last = (context.length - 1) * vocab;
    float[] sorted = Arrays.copyOfRange(logits, last, last + vocab);
    Arrays.sort(sorted);
    System.out.printf("first difference at new token %d: cached chose %d (logit %.6f), uncached"
        + " %d (logit %.6f); top two logits there %.6f and %.6f (gap %.2e)%n", at, cached[at],
        logits[last + (int) cached[at]], uncached[at], logits[last + (int) uncached[at]],
        sorted[vocab - 1], sorted[vocab - 2], sorted[vocab - 1] - sorted[vocab - 2]);
  }
}
