package org.distill4j.generation.cost;

import java.nio.file.Path;

/**
 * The cost settings as a front end passes them, left null where the user gave none.
 *
 * @param prices a price file that extends and overrides the shipped table; none when null
 * @param maxCost stop sending once the run has spent this much (in the price's currency); no
 *     limit when null
 * @param tokenizer a {@code tokenizer.json} (or a model folder holding one) to count an open
 *     model's prompt tokens with; the teacher's own encoding or an estimate when null
 */
public record CostOptions(Path prices, Double maxCost, Path tokenizer) {

  /** Nothing given. */
  public static CostOptions none() {
    return new CostOptions(null, null, null);
  }
}
