package org.distill4j.teacher.price;

/**
 * Tokens to be priced, as a provider bills them.
 *
 * @param input prompt tokens, the cached ones included
 * @param cachedInput the part of {@code input} the provider served from its prompt cache (billed
 *     at the cached-input price); 0 when unknown
 * @param output completion tokens
 */
public record TokenCounts(long input, long cachedInput, long output) {
  /** No tokens. */
  public static final TokenCounts NONE = new TokenCounts(0, 0, 0);

  public TokenCounts {
    if (input < 0 || cachedInput < 0 || output < 0) {
      throw new IllegalArgumentException("token counts must be 0 or more, found " + input + ", "
          + cachedInput + ", " + output);
    }
    if (cachedInput > input) {
      throw new IllegalArgumentException("cached input tokens (" + cachedInput + ") are part of"
          + " the input tokens (" + input + ") and cannot exceed them");
    }
  }

  /** Input and output tokens, none of them from a prompt cache. */
  public static TokenCounts of(long input, long output) {
    return new TokenCounts(input, 0, output);
  }

  public TokenCounts plus(TokenCounts other) {
    return new TokenCounts(input + other.input, cachedInput + other.cachedInput,
        output + other.output);
  }
}
