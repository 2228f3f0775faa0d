package org.distill4j.training.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/** Finds and loads the tokenizer a checkpoint or run folder holds. */
public final class TokenizerFiles {
  private TokenizerFiles() {}

  /** Loads the tokenizer saved in {@code dir} by {@link TextTokenizer#save}. */
  public static TextTokenizer load(Path dir) throws IOException {
    Path bpe = dir.resolve(BytePairTokenizer.FILE);
    if (Files.isRegularFile(bpe)) {
      return BytePairTokenizer.load(bpe);
    }
    Path hf = dir.resolve(HuggingFaceTextTokenizer.FILE);
    if (Files.isRegularFile(hf)) {
      return HuggingFaceTextTokenizer.load(hf);
    }
    throw new InputException(
        new SourceLocation(dir, 0),
        "no tokenizer here: expected " + BytePairTokenizer.FILE + " or "
            + HuggingFaceTextTokenizer.FILE);
  }
}
