package org.distill4j.cli.filter;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * The --feature specs a critic was trained with, saved in its folder as {@value #FILE} so score
 * and calibrate compute the same features without the user repeating them.
 */
final class SavedFeatures {
  static final String FILE = "features.json";

  private SavedFeatures() {}

  static void write(Path model, List<String> specs) {
    try {
      Files.deleteIfExists(model.resolve(FILE));
      if (!specs.isEmpty()) {
        CorpusJson.json().writerWithDefaultPrettyPrinter()
            .writeValue(model.resolve(FILE).toFile(), specs);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the features to " + model, e);
    }
  }

  /** The saved specs; empty for a critic trained without --feature. */
  static List<String> read(Path model) {
    Path f = model.resolve(FILE);
    if (!Files.exists(f)) {
      return List.of();
    }
    try {
      return CorpusJson.json().readValue(f.toFile(), new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new InputException(new SourceLocation(f, 0), "cannot read: " + e.getMessage(), e);
    }
  }
}
