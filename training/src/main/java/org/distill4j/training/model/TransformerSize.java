package org.distill4j.training.model;

/**
 * How big a generative student is. Defaults train in minutes on two CPU cores.
 *
 * @param embedding the width of every position's vector; a multiple of {@code heads}
 * @param heads attention heads per layer
 * @param layers Transformer layers
 * @param hidden the width of each layer's feed-forward network
 * @param maxLength the longest sequence (input, separator, target and end) in tokens
 * @param dropout dropout rate during training
 */
public record TransformerSize(int embedding, int heads, int layers, int hidden, int maxLength,
    float dropout) {
  public TransformerSize {
    if (embedding < 1 || heads < 1 || layers < 1 || hidden < 1 || maxLength < 4) {
      throw new IllegalArgumentException("model sizes must be positive (max_length at least 4):"
          + " embedding=" + embedding + " heads=" + heads + " layers=" + layers + " hidden="
          + hidden + " max_length=" + maxLength);
    }
    if (embedding % heads != 0) {
      throw new IllegalArgumentException(
          "embedding (" + embedding + ") must be a multiple of heads (" + heads + ")");
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), found " + dropout);
    }
  }

  /** A small default: 128 wide, 4 heads, 2 layers, 256 hidden, 64 tokens, dropout 0.1. */
  public static TransformerSize small() {
    return new TransformerSize(128, 4, 2, 256, 64, 0.1f);
  }
}
