package org.distill4j.core.instruct;

/**
 * One piece of knowledge as a supervised pair.
 *
 * @param instruction the task in one or two sentences, the same for every item of a kind (and,
 *     for QA, of the same shape: with or without a passage); a chat's system turn, an Alpaca
 *     {@code instruction}
 * @param input what the student reads; a chat's user turn
 * @param output what the student should write; a chat's assistant turn
 */
public record InstructionPair(String instruction, String input, String output) {
  public InstructionPair {
    if (instruction == null || instruction.isBlank()) {
      throw new IllegalArgumentException("field \"instruction\" must not be blank");
    }
    if (input == null || input.isBlank()) {
      throw new IllegalArgumentException("field \"input\" must not be blank");
    }
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException("field \"output\" must not be blank");
    }
  }
}
