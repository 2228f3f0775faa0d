package org.distill4j.core.io;

/** What a reader does with a line that does not parse. */
@FunctionalInterface
public interface BadLinePolicy {

  /** Handles one bad line; throwing stops the read. */
  void onBadLine(ParsedLine.Bad<?> line);

  /** Strict reading: the first bad line stops the read with an {@link InputException}. */
  static BadLinePolicy failFast() {
    return line -> {
      throw new InputException(line.location(), line.problem());
    };
  }
}
