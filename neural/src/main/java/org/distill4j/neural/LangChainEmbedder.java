package org.distill4j.neural;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.distill4j.core.embed.TextEmbedder;

/**
 * A LangChain4j {@link EmbeddingModel} as a {@link TextEmbedder}. The model is created on first
 * use (once, thread-safely), so building something that may embed never pays for loading it.
 * Vectors are returned as the model gives them.
 */
public final class LangChainEmbedder implements TextEmbedder {
  private final Supplier<? extends EmbeddingModel> factory;
  private volatile EmbeddingModel model;

  /** Embeds with the model {@code factory} makes, called at most once. */
  public LangChainEmbedder(Supplier<? extends EmbeddingModel> factory) {
    this.factory = factory;
  }

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
          model = factory.get();
        }
        m = model;
      }
    }
    return m;
  }
}
