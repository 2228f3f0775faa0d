package org.distill4j.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A batch for the causal student, all arrays {@code (B, T)} except the mask.
 *
 * @param ids input token ids: {@code [BOS] input [SEP] target}, right-padded
 * @param mask {@code (B, T, T)} causal attention mask
 * @param labels the next token at each position ({@code target [EOS]} after the separator)
 * @param lossMask 1 where the label is a target token or the final EOS, 0 on the prompt and padding
 * @param weights each example's weight repeated over its positions
 * @param targetTokens how many positions carry a label (the tokens learnt from)
 * @param totalTokens how many non-padding positions the batch holds (for tokens/s)
 */
public record SequenceBatch(NDArray ids, NDArray mask, NDArray labels, NDArray lossMask,
    NDArray weights, long targetTokens, long totalTokens) {

  /** The model's inputs. */
  public NDList data() {
    return new NDList(ids, mask);
  }

  /** What the loss reads: labels, loss mask, weights. */
  public NDList labelList() {
    return new NDList(labels, lossMask, weights);
  }
}
