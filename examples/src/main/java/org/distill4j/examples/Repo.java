package org.distill4j.examples;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository's shared files (recipes in {@code prompts/}, filter chains in
 * {@code pipelines/}, corpora) from wherever an example is started: the working directory or any
 * folder above it, so the examples run from the repository root and from {@code examples/}.
 * Your own program would name its files directly.
 */
final class Repo {
  private Repo() {}

  static Path file(String relative) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(relative + " not found in " + start + " or any folder above"
        + " it; run the examples from a distill4j checkout");
  }
}
