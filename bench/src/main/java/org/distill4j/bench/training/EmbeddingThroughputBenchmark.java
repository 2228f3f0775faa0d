package org.distill4j.bench.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.neural.MiniLm;
import org.distill4j.neural.bert.BertEncoder;

/**
 * Sentence-embedding throughput, texts per second, of all-MiniLM-L6-v2 along two paths on the
 * same texts in one process: {@link BertEncoder#embed} (DJL, PyTorch engine, one padded batch
 * of {@code --batch} texts per forward pass), and the path critics, semantic dedup and vector
 * ingest use ({@link MiniLm#embedder()}, LangChain4j's ONNX model behind
 * {@code LangChainEmbedder}, and {@link MiniLm#memoizing()} in front of it, every text new).
 * Rounds alternate the paths so machine noise falls on both; the best round of each is reported,
 * with the cosine between the two paths' vectors to show they compute the same model.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.EmbeddingThroughputBenchmark --folder /tmp/minilm --threads 2
 * </pre>
 */
public final class EmbeddingThroughputBenchmark {
  private static final String[] WORDS = ("person goes to the store because they want to buy"
      + " food for a party with friends and family after work when it rains the street gets wet"
      + " so people carry umbrellas children play in the park while parents watch them closely"
      + " a teacher explains why water boils at lower temperature on high mountains students"
      + " write notes about pressure heat energy and the kitchen smells of fresh bread every"
      + " morning before school begins").split(" ");

  private EmbeddingThroughputBenchmark() {}

  public static void main(String[] argv) throws Exception {
    BenchArgs args = new BenchArgs(argv);
    int threads = args.integer("threads", 2);
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    int batch = args.integer("batch", 64);
    int rounds = args.integer("rounds", 3);
    List<String> texts = texts(args.integer("texts", 512), new Random(1));
    System.out.printf("%d distinct texts of 6-30 words; DJL %d threads, batch %d; LangChain4j"
        + " ONNX with its defaults (one task per text on %d pool threads)%n", texts.size(),
        threads, batch, Runtime.getRuntime().availableProcessors());
    try (BertEncoder encoder = BertEncoder.load(Path.of(args.text("folder", "/tmp/minilm")))) {
      TextEmbedder langChain = MiniLm.embedder();
      Function<List<String>, List<float[]>> batched = t -> List.of(encoder.embed(t, batch));
      Function<List<String>, List<float[]>> endToEnd = langChain::embed;
      // Warm-up: loads the ONNX model, JIT-compiles both paths, sizes PyTorch's allocator.
      batched.apply(texts.subList(0, batch));
      endToEnd.apply(texts.subList(0, batch));
      double bestBatched = 0;
      double bestEndToEnd = 0;
      double bestMemoizing = 0;
      for (int r = 1; r <= rounds; r++) {
        double b = rate(batched, texts);
        double e = rate(endToEnd, texts);
        // A fresh memoizing embedder each round: every text is a miss, as in a first pass.
        double m = rate(MiniLm.memoizing()::embed, texts);
        System.out.printf("round %d: BertEncoder.embed %.1f texts/s; MiniLm.embedder %.1f"
            + " texts/s (%.2fx); MiniLm.memoizing %.1f texts/s (%.2fx)%n", r, b, e, e / b, m,
            m / b);
        bestBatched = Math.max(bestBatched, b);
        bestEndToEnd = Math.max(bestEndToEnd, e);
        bestMemoizing = Math.max(bestMemoizing, m);
      }
      System.out.printf("best: batched forward %.1f texts/s; end-to-end %.1f texts/s = %.2fx;"
          + " memoizing %.1f texts/s = %.2fx%n", bestBatched, bestEndToEnd,
          bestEndToEnd / bestBatched, bestMemoizing, bestMemoizing / bestBatched);
      System.out.printf("mean cosine between the two paths' vectors: %.5f%n",
          meanCosine(batched.apply(texts), endToEnd.apply(texts)));
    }
  }

  /** Distinct sentences of 6 to 30 words drawn from a small vocabulary. */
  static List<String> texts(int count, Random random) {
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < count) {
      int words = 6 + random.nextInt(25);
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < words; w++) {
        text.append(w == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
      }
      out.add(text.append('.').toString());
    }
    return new ArrayList<>(out);
  }

  private static double rate(Function<List<String>, List<float[]>> path, List<String> texts) {
    long start = System.nanoTime();
    List<float[]> vectors = path.apply(texts);
    double seconds = (System.nanoTime() - start) / 1e9;
    if (vectors.size() != texts.size()) {
      throw new IllegalStateException(vectors.size() + " vectors for " + texts.size() + " texts");
    }
    return texts.size() / seconds;
  }

  private static double meanCosine(List<float[]> a, List<float[]> b) {
    double sum = 0;
    for (int i = 0; i < a.size(); i++) {
      double dot = 0;
      double na = 0;
      double nb = 0;
      for (int j = 0; j < a.get(i).length; j++) {
        dot += a.get(i)[j] * b.get(i)[j];
        na += a.get(i)[j] * a.get(i)[j];
        nb += b.get(i)[j] * b.get(i)[j];
      }
      sum += dot / Math.sqrt(na * nb);
    }
    return sum / a.size();
  }
}
