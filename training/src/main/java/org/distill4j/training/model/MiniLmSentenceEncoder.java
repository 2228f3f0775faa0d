package org.distill4j.training.model;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions) computed in process through LangChain4j,
 * with a cache by text: a question's choices repeat across epochs and runs, and embedding is the
 * slow part (about 250 sentences per second on two cores).
 */
public final class MiniLmSentenceEncoder implements SentenceEncoder {
  /** The vector length. */
  public static final int DIMENSION = 384;
  private final EmbeddingModel model;
  private final Map<String, float[]> cache = new HashMap<>();

  /** Loads the model bundled in the LangChain4j jar. */
  public MiniLmSentenceEncoder() {
    this(new AllMiniLmL6V2EmbeddingModel());
  }

  /** Uses {@code model}, which must give 384-dimensional vectors. */
  public MiniLmSentenceEncoder(EmbeddingModel model) {
    this.model = model;
  }

  @Override
  public synchronized List<float[]> embedAll(List<String> texts) {
    List<String> missing = new ArrayList<>();
    for (String t : texts) {
      if (!cache.containsKey(t) && !missing.contains(t)) {
        missing.add(t);
      }
    }
    for (int from = 0; from < missing.size(); from += 64) {
      List<String> chunk = missing.subList(from, Math.min(missing.size(), from + 64));
      List<TextSegment> segments = chunk.stream().map(TextSegment::from).toList();
      List<Embedding> vectors = model.embedAll(segments).content();
      for (int i = 0; i < chunk.size(); i++) {
        cache.put(chunk.get(i), vectors.get(i).vector());
      }
    }
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(cache.get(t));
    }
    return out;
  }
}
