package org.distill4j.training.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns text into token ids and back. Ids {@code 0..3} of every tokenizer here are the special
 * tokens {@link #PAD}, {@link #BOS}, {@link #SEP} and {@link #EOS}; ordinary tokens follow.
 */
public interface TextTokenizer {
  int PAD = 0;
  int BOS = 1;
  int SEP = 2;
  int EOS = 3;
  int SPECIALS = 4;

  /** Token ids of {@code text}, without special tokens. */
  List<Integer> encode(String text);

  /** The text of {@code ids}; special tokens are skipped. */
  String decode(List<Integer> ids);

  /** The number of ids, specials included. */
  int vocabularySize();

  /**
   * A digest of the vocabulary: two tokenizers with the same fingerprint give every text the same
   * ids. Token-level distillation refuses a teacher whose fingerprint differs.
   */
  String fingerprint();

  /** Writes this tokenizer into {@code dir} so that {@link TokenizerFiles#load} restores it. */
  void save(Path dir) throws IOException;
}
