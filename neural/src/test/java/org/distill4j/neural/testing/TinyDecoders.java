package org.distill4j.neural.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The tiny random decoder checkpoints of {@code src/test/resources/decoder} (made by
 * {@code src/test/python/decoder_fixtures.py}) copied out of the classpath into a folder, so
 * other modules' tests can load them from this test jar like a user's download.
 */
public final class TinyDecoders {
  private static final List<String> FILES = List.of("config.json", "model.safetensors",
      "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
      "model.safetensors.index.json", "tokenizer.json", "tokenizer_config.json",
      "generation_config.json");

  private TinyDecoders() {}

  /**
   * Copies the fixture {@code name} ({@code gpt2}, {@code llama}, {@code llama-linear},
   * {@code qwen2}) into {@code folder}.
   */
  public static Path copy(String name, Path folder) throws IOException {
    Files.createDirectories(folder);
    int copied = 0;
    for (String file : FILES) {
      try (InputStream in = TinyDecoders.class.getResourceAsStream(
          "/decoder/" + name + "/" + file)) {
        if (in != null) {
          Files.copy(in, folder.resolve(file));
          copied++;
        }
      }
    }
    if (copied == 0) {
      throw new IOException("no decoder fixture named " + name);
    }
    return folder;
  }
}
