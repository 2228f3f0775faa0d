package org.distill4j.kb.embed;

import java.util.List;

/**
 * Turns texts into vectors for semantic search. Implementations must return one vector per text,
 * in order, all of the same dimension, and must be safe to call from several threads.
 */
@FunctionalInterface
public interface Embedder {

  /** The vectors of {@code texts}, in the same order. */
  List<float[]> embed(List<String> texts);
}
