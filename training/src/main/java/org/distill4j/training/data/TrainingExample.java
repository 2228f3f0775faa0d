package org.distill4j.training.data;

import java.util.List;

/**
 * One example a student learns from.
 *
 * @param id the corpus record's content id (retrieval leaves out a fact with this id, so that a
 *     student is never handed its own answer)
 * @param input what the student reads
 * @param target what it should write (generative) or the right choice (scorer)
 * @param choices the options of a multiple-choice question; empty otherwise
 * @param weight how much the example counts in the loss, e.g. its critic score; 1 when unscored
 * @param valid whether a filter kept the record (true) or rejected it (false), for validity scorers
 */
public record TrainingExample(
    String id, String input, String target, List<String> choices, double weight, boolean valid) {
  public TrainingExample {
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("field \"input\" must not be blank");
    }
    if (target == null || target.isBlank()) {
      throw new IllegalArgumentException("field \"target\" must not be blank");
    }
    choices = choices == null ? List.of() : List.copyOf(choices);
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("field \"weight\" must be a finite number >= 0, found "
          + weight);
    }
  }

  /** A plain input/target example with weight 1. */
  public static TrainingExample of(String input, String target) {
    return new TrainingExample(null, input, target, List.of(), 1.0, true);
  }

  /** The same example with another input (used to prepend retrieved facts). */
  public TrainingExample withInput(String newInput) {
    return new TrainingExample(id, newInput, target, choices, weight, valid);
  }

  /** The index of the target among the choices, or -1 when it is not one of them. */
  public int targetIndex() {
    return choices.indexOf(target);
  }
}
