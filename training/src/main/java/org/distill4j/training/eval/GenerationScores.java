package org.distill4j.training.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.knowledge.TextNormalizer;
import org.distill4j.training.data.TrainingExample;

/**
 * Exact match and BLEU-2 of generated outputs. Examples that share an input (one ATOMIC event and
 * relation with several human tails) form one item whose references are all their targets.
 *
 * @param items distinct inputs scored
 * @param exactMatch the share of items whose output equals a reference after normalisation
 * @param bleu2 the mean sentence BLEU-2 over items
 */
public record GenerationScores(int items, double exactMatch, double bleu2) {

  /** Distinct inputs with all their references, in first-seen order. */
  public static Map<String, List<String>> referencesByInput(List<TrainingExample> examples) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (TrainingExample e : examples) {
      out.computeIfAbsent(e.input(), k -> new ArrayList<>()).add(e.target());
    }
    return out;
  }

  /** The references of the first {@code limit} distinct inputs, in input order. */
  public static Map<String, List<String>> referencesByInput(List<TrainingExample> examples,
      int limit) {
    Map<String, List<String>> limited = new LinkedHashMap<>();
    for (var e : referencesByInput(examples).entrySet()) {
      if (limited.size() == limit) {
        break;
      }
      limited.put(e.getKey(), e.getValue());
    }
    return limited;
  }

  /** Scores {@code outputs}, one per key of {@code references} in its order. */
  public static GenerationScores score(Map<String, List<String>> references,
      List<String> outputs) {
    if (outputs.size() != references.size()) {
      throw new IllegalArgumentException(
          outputs.size() + " outputs for " + references.size() + " inputs");
    }
    if (outputs.isEmpty()) {
      return new GenerationScores(0, 0, 0);
    }
    int i = 0;
    int exact = 0;
    double bleu = 0;
    for (List<String> refs : references.values()) {
      String out = outputs.get(i++);
      String norm = TextNormalizer.normalize(out);
      if (refs.stream().anyMatch(r -> TextNormalizer.normalize(r).equals(norm))) {
        exact++;
      }
      bleu += Bleu2.score(out, refs);
    }
    return new GenerationScores(outputs.size(), exact / (double) outputs.size(),
        bleu / outputs.size());
  }
}
