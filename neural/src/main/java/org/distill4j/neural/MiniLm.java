package org.distill4j.neural;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.distill4j.core.embed.TextEmbedder;

/**
 * all-MiniLM-L6-v2 sentence embeddings (384 dimensions) computed in this process through
 * LangChain4j's bundled ONNX model; no network. The one place in the project that creates the
 * model.
 */
public final class MiniLm {
  /** The length of every vector. */
  public static final int DIMENSION = 384;

  private MiniLm() {}

  /** A new embedder; the model loads on its first call. */
  public static TextEmbedder embedder() {
    return new LangChainEmbedder(AllMiniLmL6V2EmbeddingModel::new);
  }

  /** {@link #embedder()} remembering every text's vector in memory; see {@link MemoizingEmbedder}. */
  public static TextEmbedder memoizing() {
    return new MemoizingEmbedder(embedder(), 64);
  }
}
