package org.distill4j.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoder-only Transformer: token and position embeddings ({@link IdEmbedding}), a stack of
 * {@link CausalTransformerBlock}s, a final layer norm and a linear map to vocabulary logits.
 *
 * <p>Input: token ids {@code (B, T)} (int64) and a {@code (B, T, T)} attention mask. Output:
 * logits {@code (B, T, V)}, where position {@code t} predicts token {@code t + 1}.
 */
public final class CausalLanguageModelBlock extends AbstractBlock {
  private final IdEmbedding tokens;
  private final IdEmbedding positions;
  private final List<CausalTransformerBlock> layers = new ArrayList<>();
  private final LayerNorm finalNorm;
  private final Linear head;
  private final int vocabularySize;

  /** A model of {@code size} over a vocabulary of {@code vocabularySize} ids. */
  public CausalLanguageModelBlock(TransformerSize size, int vocabularySize) {
    this.vocabularySize = vocabularySize;
    tokens = addChildBlock("tokens", new IdEmbedding.Builder()
        .setDictionarySize(vocabularySize).setEmbeddingSize(size.embedding()).build());
    positions = addChildBlock("positions", new IdEmbedding.Builder()
        .setDictionarySize(size.maxLength()).setEmbeddingSize(size.embedding()).build());
    for (int i = 0; i < size.layers(); i++) {
      layers.add(addChildBlock("layer" + i, new CausalTransformerBlock(
          size.embedding(), size.heads(), size.hidden(), size.dropout())));
    }
    finalNorm = addChildBlock("finalNorm", LayerNorm.builder().axis(2).build());
    head = addChildBlock("head", Linear.builder().setUnits(vocabularySize).build());
  }

  /** The number of logits per position. */
  public int vocabularySize() {
    return vocabularySize;
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    NDArray mask = inputs.get(1);
    long length = ids.getShape().get(1);
    NDArray positionIds = ids.getManager().arange(0, (int) length, 1, DataType.INT64)
        .expandDims(0);
    NDArray x = tokens.forward(ps, new NDList(ids), training).head()
        .add(positions.forward(ps, new NDList(positionIds), training).head());
    for (CausalTransformerBlock layer : layers) {
      x = layer.forward(ps, new NDList(x, mask), training).head();
    }
    x = finalNorm.forward(ps, new NDList(x), training).head();
    return head.forward(ps, new NDList(x), training);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    return new Shape[] {new Shape(ids.get(0), ids.get(1), vocabularySize)};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape ids = inputShapes[0];
    tokens.initialize(manager, dataType, ids);
    positions.initialize(manager, dataType, new Shape(1, ids.get(1)));
    Shape hidden = tokens.getOutputShapes(new Shape[] {ids})[0];
    for (CausalTransformerBlock layer : layers) {
      layer.initialize(manager, dataType, hidden, inputShapes[1]);
    }
    finalNorm.initialize(manager, dataType, hidden);
    head.initialize(manager, dataType, hidden);
  }

  /** A {@code (B, T, T)} mask where position t attends to positions 0..t. */
  public static NDArray causalMask(NDManager manager, long batch, long length) {
    NDArray rows = manager.arange(0, (int) length, 1, DataType.INT64).reshape(length, 1);
    NDArray cols = manager.arange(0, (int) length, 1, DataType.INT64).reshape(1, length);
    NDArray lower = cols.lte(rows).toType(DataType.FLOAT32, false);
    return lower.expandDims(0).repeat(0, batch);
  }
}
