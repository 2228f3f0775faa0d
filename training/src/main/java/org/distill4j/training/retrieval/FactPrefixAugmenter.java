package org.distill4j.training.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.distill4j.core.retrieval.RetrievedFact;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.training.data.TrainingExample;

/**
 * Prepends the top {@code k} retrieved facts to each example's input: {@code "facts: f1 | f2 ||
 * input"}. A fact whose id is the example's own record id is skipped (a knowledge base built from
 * the training corpus would otherwise hand the student its own answer), and one more is asked for
 * so that {@code k} facts are still given.
 */
public final class FactPrefixAugmenter {
  /** Separates the facts from the input, so a student can learn where its input starts. */
  public static final String SEPARATOR = " || ";

  private final Retriever retriever;
  private final int k;

  /** Uses {@code retriever} for the top {@code k} facts, k at least 1. */
  public FactPrefixAugmenter(Retriever retriever, int k) {
    this.retriever = Objects.requireNonNull(retriever, "retriever");
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, found " + k);
    }
    this.k = k;
  }

  /** The example with retrieved facts before its input; unchanged when nothing is found. */
  public TrainingExample augment(TrainingExample example) {
    List<RetrievedFact> found = retriever.retrieve(example.input(), k + 1);
    List<String> facts = new ArrayList<>();
    for (RetrievedFact fact : found) {
      if (facts.size() == k) {
        break;
      }
      if (example.id() != null && example.id().equals(fact.id())) {
        continue;
      }
      facts.add(fact.text());
    }
    if (facts.isEmpty()) {
      return example;
    }
    return example.withInput("facts: " + String.join(" | ", facts) + SEPARATOR + example.input());
  }

  /** Every example augmented, in order. */
  public List<TrainingExample> augmentAll(List<TrainingExample> examples) {
    List<TrainingExample> out = new ArrayList<>(examples.size());
    for (TrainingExample e : examples) {
      out.add(augment(e));
    }
    return out;
  }
}
