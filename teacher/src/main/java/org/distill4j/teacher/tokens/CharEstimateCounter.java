package org.distill4j.teacher.tokens;

import java.util.List;
import org.distill4j.teacher.ChatTurn;

/**
 * An estimate where no tokenizer of the model's family is at hand: a token per four characters
 * (rounded up, per message), the usual rule of thumb for English text with BPE tokenizers.
 * Labelled as an estimate wherever it is shown; other languages and code run higher.
 */
public final class CharEstimateCounter implements TokenCounter {
  static final int CHARS_PER_TOKEN = 4;

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
    long chars = text.codePointCount(0, text.length());
    return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
  }

  @Override
  public String method() {
    return "estimate: characters / " + CHARS_PER_TOKEN + " (no tokenizer for this model; give"
        + " one with --tokenizer for open models)";
  }

  @Override
  public boolean exact() {
    return false;
  }
}
