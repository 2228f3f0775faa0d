package org.distill4j.kb.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.hash.Sha256;

/**
 * An embedder that asks its delegate only for texts it has never seen, in batches of a fixed
 * size, and remembers every vector in a {@link SqliteVectorCache} keyed by the SHA-256 of the
 * text. Re-ingesting a corpus therefore embeds nothing.
 */
public final class CachingEmbedder implements TextEmbedder {
  private final TextEmbedder delegate;
  private final SqliteVectorCache cache;
  private final int batchSize;

  public CachingEmbedder(TextEmbedder delegate, SqliteVectorCache cache, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, found " + batchSize);
    }
    this.delegate = delegate;
    this.cache = cache;
    this.batchSize = batchSize;
  }

  /**
   * The cached vectors of {@code texts}, null where a text was never embedded; never calls the
   * model. Crash repair uses it: the vectors of a batch are cached before the batch is stored.
   */
  public List<float[]> cachedOnly(List<String> texts) {
    List<String> hashes = texts.stream().map(Sha256::hex).toList();
    Map<String, float[]> known = cache.getAll(new java.util.HashSet<>(hashes));
    return hashes.stream().map(known::get).toList();
  }

  @Override
  public List<float[]> embed(List<String> texts) {
    Map<String, String> byHash = new LinkedHashMap<>();
    List<String> hashes = new ArrayList<>(texts.size());
    for (String t : texts) {
      String h = Sha256.hex(t);
      hashes.add(h);
      byHash.putIfAbsent(h, t);
    }
    Map<String, float[]> known = new java.util.HashMap<>(cache.getAll(byHash.keySet()));
    List<String> missing = byHash.keySet().stream().filter(h -> !known.containsKey(h)).toList();
    for (int from = 0; from < missing.size(); from += batchSize) {
      List<String> chunk = missing.subList(from, Math.min(missing.size(), from + batchSize));
      List<float[]> vectors = delegate.embed(chunk.stream().map(byHash::get).toList());
      Map<String, float[]> fresh = new LinkedHashMap<>();
      for (int i = 0; i < chunk.size(); i++) {
        fresh.put(chunk.get(i), vectors.get(i));
      }
      cache.putAll(fresh);
      known.putAll(fresh);
    }
    return hashes.stream().map(known::get).toList();
  }
}
