package org.distill4j.core.io;

import java.nio.file.Path;

/**
 * A line of an input file, printed as {@code file:line} the way compilers do, so editors and
 * terminals can jump to it.
 *
 * @param file the file
 * @param line the line number, from 1; 0 when the problem is the file as a whole
 */
public record SourceLocation(Path file, long line) {
  public SourceLocation {
    if (file == null) {
      throw new IllegalArgumentException("field \"file\" is missing");
    }
    if (line < 0) {
      throw new IllegalArgumentException("field \"line\" must be 0 or more, found " + line);
    }
  }

  @Override
  public String toString() {
    return line == 0 ? file.toString() : file + ":" + line;
  }
}
