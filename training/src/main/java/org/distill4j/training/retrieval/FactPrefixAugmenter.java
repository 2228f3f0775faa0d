package org.distill4j.training.retrieval;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.training.data.TrainingExample;

/**
 * Prepends the top {@code k} retrieved facts to each example's input: {@code "facts: f1 | f2 ||
 * input"}, never the example's own record ({@link FactLookup}).
 */
public final class FactPrefixAugmenter {
  /** Separates the facts from the input, so a student can learn where its input starts. */
  public static final String SEPARATOR = " || ";

  private final FactLookup lookup;

  /** Uses {@code retriever} for the top {@code k} facts, k at least 1. */
  public FactPrefixAugmenter(Retriever retriever, int k) {
    this.lookup = new FactLookup(retriever, k);
  }

  /** The example with retrieved facts before its input; unchanged when nothing is found. */
  public TrainingExample augment(TrainingExample example) {
    List<String> facts = lookup.facts(example.id(), example.input());
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
