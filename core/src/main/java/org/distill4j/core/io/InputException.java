package org.distill4j.core.io;

/**
 * Bad input from the user: a malformed line, a missing field, an unreadable or missing file, a bad
 * setting. The message says where ({@code file:line}), what was expected and what was found. The
 * command line prints it without a stack trace and exits with status 2.
 */
public class InputException extends RuntimeException {
  private final SourceLocation location;

  public InputException(SourceLocation location, String problem) {
    this(location, problem, null);
  }

  public InputException(SourceLocation location, String problem, Throwable cause) {
    super(location == null ? problem : location + ": " + problem, cause);
    this.location = location;
  }

  public InputException(String problem) {
    this(null, problem, null);
  }

  /** Where the problem is, or null when it is not tied to a file. */
  public SourceLocation location() {
    return location;
  }
}
