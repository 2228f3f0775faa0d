package org.distill4j.filtering.judge;

/**
 * A score read from a judge's reply, on the rubric's scale, or why none could be read.
 *
 * @param score the score, or null when the reply holds no usable score
 * @param how how it was read (e.g. "score label", "rescaled from 0-3"), or why it was not
 */
public record JudgeScore(Double score, String how) {

  /** True when a score was read. */
  public boolean found() {
    return score != null;
  }
}
