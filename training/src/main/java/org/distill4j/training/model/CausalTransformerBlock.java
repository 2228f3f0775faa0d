package org.distill4j.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.PointwiseFeedForwardBlock;
import ai.djl.nn.transformer.ScaledDotProductAttentionBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * One pre-norm Transformer layer with masked self-attention, made of DJL's attention and
 * feed-forward blocks. DJL's own {@code TransformerEncoderBlock} is not used because it normalises
 * with batch norm over batch and sequence: in a causal model that lets later tokens leak into
 * earlier positions' statistics during training, and inference then sees different statistics.
 * Layer norm works per position, so the causal mask is the only thing that decides what a position
 * sees.
 *
 * <p>Inputs: {@code (B, T, E)} activations and a {@code (B, T, T)} mask of 1 (attend) and 0.
 */
public final class CausalTransformerBlock extends AbstractBlock {
  private final ScaledDotProductAttentionBlock attention;
  private final LayerNorm attentionNorm;
  private final PointwiseFeedForwardBlock feedForward;
  private final LayerNorm feedForwardNorm;
  private final Dropout dropout;

  /** A layer of width {@code embedding} with {@code heads} heads and a {@code hidden}-wide MLP. */
  public CausalTransformerBlock(int embedding, int heads, int hidden, float dropoutRate) {
    attention = addChildBlock("attention", ScaledDotProductAttentionBlock.builder()
        .setEmbeddingSize(embedding)
        .setHeadCount(heads)
        .optAttentionProbsDropoutProb(dropoutRate)
        .build());
    attentionNorm = addChildBlock("attentionNorm", LayerNorm.builder().axis(2).build());
    feedForward = addChildBlock("feedForward",
        new PointwiseFeedForwardBlock(List.of(hidden), embedding, Activation::gelu));
    feedForwardNorm = addChildBlock("feedForwardNorm", LayerNorm.builder().axis(2).build());
    dropout = addChildBlock("dropout", Dropout.builder().optRate(dropoutRate).build());
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.get(0);
    NDArray mask = inputs.get(1);
    NDArray normed = attentionNorm.forward(ps, new NDList(x), training).head();
    NDArray attended = attention.forward(ps, new NDList(normed, mask), training).head();
    x = x.add(dropout.forward(ps, new NDList(attended), training).head());
    NDArray normed2 = feedForwardNorm.forward(ps, new NDList(x), training).head();
    NDArray fed = feedForward.forward(ps, new NDList(normed2), training).head();
    x = x.add(dropout.forward(ps, new NDList(fed), training).head());
    return new NDList(x);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape x = inputShapes[0];
    attentionNorm.initialize(manager, dataType, x);
    attention.initialize(manager, dataType, x, inputShapes[1]);
    feedForwardNorm.initialize(manager, dataType, x);
    feedForward.initialize(manager, dataType, x);
    dropout.initialize(manager, dataType, x);
  }
}
