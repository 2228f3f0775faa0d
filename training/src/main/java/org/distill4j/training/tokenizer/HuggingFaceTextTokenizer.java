package org.distill4j.training.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SourceLocation;

/**
 * A user's Hugging Face {@code tokenizer.json}, read offline through DJL's tokenizers binding. Its
 * ids are shifted up by {@link TextTokenizer#SPECIALS} so that this project's special tokens keep
 * ids 0 to 3 whatever the file defines.
 */
public final class HuggingFaceTextTokenizer implements TextTokenizer {
  static final String FILE = "tokenizer.json";
  private final Path file;
  private final HuggingFaceTokenizer tokenizer;
  private final int size;
  private final String fingerprint;

  private HuggingFaceTextTokenizer(Path file, HuggingFaceTokenizer tokenizer, int size,
      String fingerprint) {
    this.file = file;
    this.tokenizer = tokenizer;
    this.size = size;
    this.fingerprint = fingerprint;
  }

  /** Loads {@code tokenizer.json}; fails with the file's name when it cannot be read. */
  public static HuggingFaceTextTokenizer load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InputException(new SourceLocation(file, 0), "tokenizer file not found");
    }
    try {
      byte[] bytes = Files.readAllBytes(file);
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(file)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build();
      // The vocabulary size is the largest id the file can produce, plus one.
      com.fasterxml.jackson.databind.JsonNode root =
          org.distill4j.core.io.CorpusJson.json().readTree(bytes);
      int max = -1;
      com.fasterxml.jackson.databind.JsonNode vocab = root.path("model").path("vocab");
      if (vocab.isObject()) {
        for (var it = vocab.elements(); it.hasNext(); ) {
          max = Math.max(max, it.next().asInt());
        }
      } else if (vocab.isArray()) {
        max = vocab.size() - 1;
      }
      for (var added : root.path("added_tokens")) {
        max = Math.max(max, added.path("id").asInt());
      }
      if (max < 0) {
        throw new InputException(new SourceLocation(file, 0), "no \"model.vocab\" in tokenizer");
      }
      return new HuggingFaceTextTokenizer(
          file, tokenizer, max + 1 + SPECIALS, Sha256.hex(new String(bytes,
              java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      if (e instanceof InputException ie) {
        throw ie;
      }
      throw new InputException(
          new SourceLocation(file, 0), "cannot read tokenizer: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Integer> encode(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    List<Integer> out = new ArrayList<>();
    for (long id : encoding.getIds()) {
      out.add((int) id + SPECIALS);
    }
    return out;
  }

  @Override
  public String decode(List<Integer> ids) {
    List<Long> inner = new ArrayList<>();
    for (int id : ids) {
      if (id >= SPECIALS) {
        inner.add((long) (id - SPECIALS));
      }
    }
    long[] raw = inner.stream().mapToLong(Long::longValue).toArray();
    return tokenizer.decode(raw, true).trim();
  }

  @Override
  public int vocabularySize() {
    return size;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
  }
}
