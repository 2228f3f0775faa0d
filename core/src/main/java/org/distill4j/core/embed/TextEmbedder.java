package org.distill4j.core.embed;

import java.util.List;

/**
 * Turns texts into vectors: the contract between the modules that read embeddings (semantic
 * dedup and the trained critic in filtering, vector search in the knowledge base, the scorer
 * student in training) and the one module that computes them ({@code distill4j-neural}).
 * Implementations return one vector per text, in order, all of the same length, as the model
 * gives them (not normalised), and are safe to call from several threads.
 */
@FunctionalInterface
public interface TextEmbedder {

  /** The vectors of {@code texts}, in the same order; an empty list for no texts. */
  List<float[]> embed(List<String> texts);
}
