package org.distill4j.kb.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * all-MiniLM-L6-v2 (384 dimensions) running in this process through LangChain4j's ONNX model;
 * no network. Use it for the knowledge base's vectors. The model loads on first use, so opening
 * a keyword-only knowledge base never pays for it.
 */
public final class MiniLmEmbedder implements Embedder {
  /** The number of dimensions of every vector. */
  public static final int DIMENSIONS = 384;

  private volatile EmbeddingModel model;

  @Override
  public List<float[]> embed(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    List<Embedding> embeddings = model().embedAll(segments).content();
    List<float[]> out = new ArrayList<>(embeddings.size());
    embeddings.forEach(e -> out.add(e.vector()));
    return out;
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        if (model == null) {
          model = new AllMiniLmL6V2EmbeddingModel();
        }
        m = model;
      }
    }
    return m;
  }
}
