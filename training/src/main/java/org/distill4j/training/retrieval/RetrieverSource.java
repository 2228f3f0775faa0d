package org.distill4j.training.retrieval;

import org.distill4j.core.retrieval.Retriever;
import org.distill4j.training.config.StudentConfig.RetrievalSettings;

/**
 * Opens the retriever a config's {@code retrieval} section names. The knowledge base supplies the
 * implementation (the command line wires it), so training depends only on core's contract.
 */
@FunctionalInterface
public interface RetrieverSource {
  /** A retriever over {@code settings.kb()} in {@code settings.mode()}. */
  Retriever open(RetrievalSettings settings);

  /** A source for runs without retrieval: asking it for a retriever is a config error. */
  static RetrieverSource none() {
    return settings -> {
      throw new org.distill4j.core.io.InputException(
          "retrieval is configured (kb " + settings.kb() + ") but no knowledge base is"
              + " available to this command");
    };
  }
}
