package org.distill4j.core.io;

import java.nio.file.Path;

/** Where a key of a settings file is, for checks made after the file was read. */
@FunctionalInterface
public interface KeyLines {

  /**
   * The line of the key at {@code keyPath} (names and list indexes), or of the nearest enclosing
   * key that is present, or the file alone.
   */
  SourceLocation where(Object... keyPath);

  /** For settings that did not come from a file's lines: every key is the file as a whole. */
  static KeyLines fileOnly(Path file) {
    return keyPath -> new SourceLocation(file, 0);
  }
}
