package org.distill4j.filtering.rationale;

/**
 * The final answer read from a completion, or why none was found.
 *
 * @param answer the answer in canonical form (a number as plain decimal, an option's text in
 *     lower case, or free text normalised); null when not found
 * @param choice the index of the matching option, or -1 when there are no options or none matched
 * @param reason how it was found, or why not
 */
public record Extraction(String answer, int choice, String reason) {

  /** True when an answer was found. */
  public boolean found() {
    return answer != null;
  }

  static Extraction none(String reason) {
    return new Extraction(null, -1, reason);
  }
}
