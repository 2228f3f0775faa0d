package org.distill4j.teacher.tokens;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;
import org.distill4j.teacher.ChatTurn;

/**
 * An open model's own tokenizer, from the {@code tokenizer.json} a Hugging Face model folder
 * ships, read offline through DJL's binding of the Rust tokenizers. Only the messages' texts are
 * counted: the chat template's own tokens (role markers, a few per message) are not, since the
 * template is not part of {@code tokenizer.json}.
 */
public final class TokenizerJsonCounter implements TokenCounter {
  private final Path file;
  private final HuggingFaceTokenizer tokenizer;

  private TokenizerJsonCounter(Path file, HuggingFaceTokenizer tokenizer) {
    this.file = file;
    this.tokenizer = tokenizer;
  }

  /**
   * Opens {@code path}: a {@code tokenizer.json}, or a model folder holding one. Fails with the
   * path when there is none or it cannot be read.
   */
  public static TokenizerJsonCounter open(Path path) {
    Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(file, 0), "tokenizer file not found (give a"
          + " tokenizer.json or the model folder that holds one)");
    }
    try {
      HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
          .optTokenizerPath(file)
          .optAddSpecialTokens(false)
          .optTruncation(false)
          .optPadding(false)
          .build();
      return new TokenizerJsonCounter(file, tokenizer);
    } catch (IOException | RuntimeException e) {
      throw new InputException(new SourceLocation(file, 0), "cannot read tokenizer: "
          + e.getMessage(), e);
    }
  }

  @Override
  public long count(List<ChatTurn> messages) {
    long n = 0;
    for (ChatTurn t : messages) {
      n += countText(t.text());
    }
    return n;
  }

  @Override
  public long countText(String text) {
    return text.isEmpty() ? 0 : tokenizer.encode(text).getIds().length;
  }

  @Override
  public String method() {
    return "tokenizer.json (" + file + "), message texts only: the chat template's few tokens per"
        + " message are not counted";
  }

  @Override
  public boolean exact() {
    return true;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
