package org.distill4j.neural.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.function.Function;

/**
 * A post-LayerNorm BERT encoder as one DJL block whose parameters carry the Hugging Face names
 * ({@code encoder.layer.0.attention.self.query.weight}…), so a safetensors file maps onto them
 * one to one and a trainer sees every weight.
 *
 * <p>Input: token ids, token type ids and attention mask, each {@code [batch, tokens]} int64.
 * Output: the last hidden states {@code [batch, tokens, hidden]}. There is no dropout, so
 * training through it is dropout-free.
 */
public final class BertBlock extends AbstractBlock {
  private static final float MASKED = -1e9f;

  private final BertConfig config;
  private final Map<String, Parameter> byName = new java.util.LinkedHashMap<>();

  /** A block for {@code config}; its parameters are uninitialised until loaded or initialised. */
  public BertBlock(BertConfig config) {
    this.config = config;
    for (Map.Entry<String, Shape> weight : BertWeights.shapes(config).entrySet()) {
      Parameter parameter = Parameter.builder()
          .setName(weight.getKey())
          .setType(weight.getKey().endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
          .build();
      byName.put(weight.getKey(), addParameter(parameter));
    }
  }

  /** The configuration it was built for. */
  public BertConfig config() {
    return config;
  }

  /** Its parameters by Hugging Face name, in Hugging Face's order. */
  public Map<String, Parameter> parametersByName() {
    return java.util.Collections.unmodifiableMap(byName);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray ids = inputs.get(0);
    Device device = ids.getDevice();
    Function<String, NDArray> weight = name -> store.getValue(byName.get(name), device, training);
    NDArray hidden = embed(weight, ids, inputs.get(1));
    // [batch, 1, 1, tokens]: 0 where a token may be attended to, very negative on padding.
    NDArray bias = inputs.get(2).toType(DataType.FLOAT32, false)
        .neg().add(1f).mul(MASKED).expandDims(1).expandDims(1);
    for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
      String prefix = BertWeights.layerPrefix(layer);
      hidden = attention(weight, prefix, hidden, bias);
      hidden = feedForward(weight, prefix, hidden);
    }
    return new NDList(hidden);
  }

  private NDArray embed(Function<String, NDArray> weight, NDArray ids, NDArray types) {
    long tokens = ids.getShape().get(1);
    NDArray positions = ids.getManager().arange(0, tokens, 1, DataType.INT64, ids.getDevice())
        .expandDims(0);
    NDArray sum = lookup(ids, weight.apply("embeddings.word_embeddings.weight"))
        .add(lookup(types, weight.apply("embeddings.token_type_embeddings.weight")))
        .add(lookup(positions, weight.apply("embeddings.position_embeddings.weight")));
    return norm(weight, "embeddings.LayerNorm", sum);
  }

  private static NDArray lookup(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray attention(
      Function<String, NDArray> weight, String prefix, NDArray hidden, NDArray bias) {
    String self = prefix + "attention.self.";
    NDArray query = heads(linear(weight, self + "query", hidden));
    NDArray key = heads(linear(weight, self + "key", hidden));
    NDArray value = heads(linear(weight, self + "value", hidden));
    NDArray scores = query.matMul(key.transpose(0, 1, 3, 2))
        .div((float) Math.sqrt(config.headSize()))
        .add(bias);
    NDArray context = scores.softmax(-1).matMul(value).transpose(0, 2, 1, 3)
        .reshape(hidden.getShape());
    NDArray out = linear(weight, prefix + "attention.output.dense", context);
    return norm(weight, prefix + "attention.output.LayerNorm", out.add(hidden));
  }

  /** [batch, tokens, hidden] to [batch, heads, tokens, head size]. */
  private NDArray heads(NDArray x) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0), shape.get(1), config.numAttentionHeads(), config.headSize())
        .transpose(0, 2, 1, 3);
  }

  private NDArray feedForward(Function<String, NDArray> weight, String prefix, NDArray hidden) {
    NDArray inner = gelu(linear(weight, prefix + "intermediate.dense", hidden));
    NDArray out = linear(weight, prefix + "output.dense", inner);
    return norm(weight, prefix + "output.LayerNorm", out.add(hidden));
  }

  /** Exact GELU, x·Φ(x) with the error function, as Hugging Face's {@code "gelu"}. */
  static NDArray gelu(NDArray x) {
    return x.mul(x.div((float) Math.sqrt(2.0)).erf().add(1f)).mul(0.5f);
  }

  private static NDArray linear(Function<String, NDArray> weight, String name, NDArray x) {
    return Linear.linear(x, weight.apply(name + ".weight"), weight.apply(name + ".bias"))
        .singletonOrThrow();
  }

  private NDArray norm(Function<String, NDArray> weight, String name, NDArray x) {
    return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), weight.apply(name + ".weight"),
        weight.apply(name + ".bias"), (float) config.layerNormEps()).singletonOrThrow();
  }

  /**
   * Gives the still empty parameters their shapes before DJL initialises them. Not set at
   * construction because DJL refuses {@code setArray} on a parameter with a shape, and loading
   * sets arrays.
   */
  @Override
  protected void prepare(Shape[] inputShapes) {
    Map<String, Shape> shapes = BertWeights.shapes(config);
    for (Map.Entry<String, Parameter> parameter : byName.entrySet()) {
      if (!parameter.getValue().isInitialized()) {
        parameter.getValue().setShape(shapes.get(parameter.getKey()));
      }
    }
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape ids = inputShapes[0];
    return new Shape[] {new Shape(ids.get(0), ids.get(1), config.hiddenSize())};
  }
}
