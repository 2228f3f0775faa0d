package org.distill4j.neural.decoder.init;

/**
 * The size of a new Llama-shaped decoder.
 *
 * @param hidden model width
 * @param layers decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads (a divisor of {@code heads})
 * @param intermediate feed-forward inner width
 * @param maxPositions the longest sequence
 * @param attentionDropout dropout on attention probabilities while training (Llama's
 *     {@code attention_dropout}; a model trained from scratch on little data needs some)
 */
public record DecoderShape(int hidden, int layers, int heads, int kvHeads, int intermediate,
    int maxPositions, double attentionDropout) {
  /** A shape without dropout. */
  public DecoderShape(int hidden, int layers, int heads, int kvHeads, int intermediate,
      int maxPositions) {
    this(hidden, layers, heads, kvHeads, intermediate, maxPositions, 0);
  }

  public DecoderShape {
    if (hidden < 1 || layers < 1 || heads < 1 || kvHeads < 1 || intermediate < 1
        || maxPositions < 2) {
      throw new IllegalArgumentException("every size must be positive: " + this);
    }
    if (hidden % heads != 0 || (hidden / heads) % 2 != 0) {
      throw new IllegalArgumentException("hidden " + hidden + " must split into " + heads
          + " heads of an even width (rotary positions rotate pairs)");
    }
    if (!(attentionDropout >= 0 && attentionDropout < 1)) {
      throw new IllegalArgumentException("attention dropout must be in [0, 1), found "
          + attentionDropout);
    }
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException("heads " + heads + " must be a multiple of kv heads "
          + kvHeads);
    }
  }
}
