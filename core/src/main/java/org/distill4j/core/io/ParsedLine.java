package org.distill4j.core.io;

/**
 * One non-blank line of a JSON Lines file after parsing: a value, or the reason it is not one.
 *
 * @param <T> the record type
 */
public sealed interface ParsedLine<T> {

  /** Where the line is. */
  SourceLocation location();

  /** A line that parsed and validated. */
  record Good<T>(SourceLocation location, T value) implements ParsedLine<T> {}

  /**
   * A line that did not.
   *
   * @param location where
   * @param problem what was expected and what was found
   * @param raw the line as read, so it can be repaired by hand
   * @param torn true when this is a last line cut off mid-write (no newline at end of file)
   */
  record Bad<T>(SourceLocation location, String problem, String raw, boolean torn)
      implements ParsedLine<T> {

    /** The message a user sees: {@code file:line: problem}. */
    public String message() {
      return location + ": " + problem;
    }
  }
}
