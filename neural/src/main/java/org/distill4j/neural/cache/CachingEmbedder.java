package org.distill4j.neural.cache;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.neural.MiniLm;

/**
 * A {@link TextEmbedder} in front of an {@link EmbeddingStore}: texts already in the store cost
 * a lookup; the rest go to the delegate in batches, each batch appended to the store as soon as
 * it is done (so a killed run keeps what it paid for). With a progress stream, a call with more
 * than one batch of misses reports done/total, texts per second and the time left every few
 * seconds, because embedding tens of thousands of texts takes minutes.
 */
public final class CachingEmbedder implements TextEmbedder {
  /** The model identity of {@link MiniLm#embedder()} in cache keys. */
  public static final String MINILM = "sentence-transformers/all-MiniLM-L6-v2@langchain4j-onnx";
  /** Environment variable naming the cache folder; {@code off} disables the cache. */
  public static final String ENV = "DISTILL4J_EMBEDDING_CACHE";

  private final TextEmbedder delegate;
  private final String model;
  private final EmbeddingStore store;
  private final int batch;
  private final PrintStream progress;

  /**
   * @param model identity of the delegate's model: texts are cached under it, so two models never
   *     share vectors
   * @param batch texts per delegate call
   * @param progress where to report progress, or null for silence
   */
  public CachingEmbedder(TextEmbedder delegate, String model, EmbeddingStore store, int batch,
      PrintStream progress) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be at least 1, found " + batch);
    }
    this.delegate = delegate;
    this.model = model;
    this.store = store;
    this.batch = batch;
    this.progress = progress;
  }

  /**
   * MiniLM with the cache in {@code dir} (null: {@link #defaultDir()}, which may say off, in which
   * case only progress and batching remain), reporting progress on stderr.
   */
  public static TextEmbedder miniLm(Path dir) {
    Path d = dir != null ? dir : defaultDir();
    TextEmbedder base = MiniLm.embedder();
    if (d == null) {
      return base;
    }
    return new CachingEmbedder(base, MINILM, EmbeddingStore.open(d), 256, System.err);
  }

  /**
   * {@code $DISTILL4J_EMBEDDING_CACHE}, else {@code $XDG_CACHE_HOME/distill4j/embeddings}, else
   * {@code ~/.cache/distill4j/embeddings}; null when the variable says {@code off}.
   */
  public static Path defaultDir() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return env.strip().equalsIgnoreCase("off") ? null : Path.of(env.strip());
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("distill4j").resolve("embeddings");
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    Map<String, float[]> found = new java.util.HashMap<>(); // key -> vector
    Map<String, String> missing = new LinkedHashMap<>(); // key -> text
    List<String> keys = new ArrayList<>(texts.size());
    for (String t : texts) {
      String k = EmbeddingStore.key(model, t);
      keys.add(k);
      if (!found.containsKey(k) && !missing.containsKey(k)) {
        float[] v = store.get(k);
        if (v != null) {
          found.put(k, v);
        } else {
          missing.put(k, t);
        }
      }
    }
    if (!missing.isEmpty()) {
      store.refresh(); // another process may have embedded some meanwhile
      for (var it = missing.keySet().iterator(); it.hasNext(); ) {
        String k = it.next();
        float[] v = store.get(k);
        if (v != null) {
          found.put(k, v);
          it.remove();
        }
      }
      embedMissing(new ArrayList<>(missing.keySet()), new ArrayList<>(missing.values()), found);
    }
    List<float[]> out = new ArrayList<>(texts.size());
    keys.forEach(k -> out.add(found.get(k)));
    return out;
  }

  private void embedMissing(List<String> keys, List<String> texts, Map<String, float[]> found) {
    long start = System.nanoTime();
    long lastReport = start;
    for (int from = 0; from < texts.size(); from += batch) {
      int to = Math.min(texts.size(), from + batch);
      List<float[]> vectors = delegate.embed(texts.subList(from, to));
      store.putAll(keys.subList(from, to), vectors);
      for (int i = from; i < to; i++) {
        found.put(keys.get(i), vectors.get(i - from));
      }
      long now = System.nanoTime();
      if (progress != null && texts.size() > batch
          && (now - lastReport > 5e9 || to == texts.size())) {
        lastReport = now;
        double rate = to / ((now - start) / 1e9);
        progress.printf(Locale.ROOT, "embedded %d/%d texts (%.0f/s, %s left)%n", to,
            texts.size(), rate, duration((texts.size() - to) / rate));
      }
    }
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
  }
}
