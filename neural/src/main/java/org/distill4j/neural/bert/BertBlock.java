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
import ai.djl.nn.norm.Dropout;
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
 * Output: the last hidden states {@code [batch, tokens, hidden]}. Dropout (the config's hidden
 * and attention probabilities, where Hugging Face applies them) acts only when training.
 *
 * <p>With {@link LoraSettings} the targeted attention projections also carry low-rank adapters
 * ({@code …query.lora_A.weight}, {@code …query.lora_B.weight}); which parameters a trainer
 * updates is the trainer's choice, see {@link #adapterNames()}.
 */
public final class BertBlock extends AbstractBlock {
  private static final float MASKED = -1e9f;

  private final BertConfig config;
  private final Map<String, Parameter> byName = new java.util.LinkedHashMap<>();
  private final Map<String, Shape> shapes;
  private final LoraSettings lora;

  /** A block for {@code config}; its parameters are uninitialised until loaded or initialised. */
  public BertBlock(BertConfig config) {
    this(config, null);
  }

  /** A block for {@code config} with adapters as {@code lora} says ({@code null}: none). */
  public BertBlock(BertConfig config, LoraSettings lora) {
    this.config = config;
    this.lora = lora;
    this.shapes = new java.util.LinkedHashMap<>(BertWeights.shapes(config));
    shapes.putAll(adapterShapes(config, lora));
    for (Map.Entry<String, Shape> weight : shapes.entrySet()) {
      Parameter parameter = Parameter.builder()
          .setName(weight.getKey())
          .setType(weight.getKey().endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
          .build();
      byName.put(weight.getKey(), addParameter(parameter));
    }
  }

  /** The adapters' names and shapes for {@code lora} ({@code null}: none), A before B. */
  public static Map<String, Shape> adapterShapes(BertConfig config, LoraSettings lora) {
    Map<String, Shape> out = new java.util.LinkedHashMap<>();
    if (lora == null) {
      return out;
    }
    int h = config.hiddenSize();
    for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
      for (String target : lora.targets()) {
        String projection = LoraSettings.projection(layer, target);
        out.put(projection + ".lora_A.weight", new Shape(lora.rank(), h));
        out.put(projection + ".lora_B.weight", new Shape(h, lora.rank()));
      }
    }
    return out;
  }

  /** The adapters ({@code null}: none). */
  public LoraSettings lora() {
    return lora;
  }

  /** The adapter parameters' names; empty without adapters. */
  public java.util.Set<String> adapterNames() {
    return adapterShapes(config, lora).keySet();
  }

  /** Every parameter's shape, adapters included, by name. */
  public Map<String, Shape> shapes() {
    return java.util.Collections.unmodifiableMap(shapes);
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
    NDArray hidden = dropout(embed(weight, ids, inputs.get(1)), training);
    // [batch, 1, 1, tokens]: 0 where a token may be attended to, very negative on padding.
    NDArray bias = inputs.get(2).toType(DataType.FLOAT32, false)
        .neg().add(1f).mul(MASKED).expandDims(1).expandDims(1);
    if (hidden.getDataType() != DataType.FLOAT32) {
      // fp16 scoring: a float32 bias would promote the fp16 scores to float32 and break the next
      // matMul; made in float32 first so 0 stays exactly 0 (and -1e9 becomes fp16's -inf).
      bias = bias.toType(hidden.getDataType(), false);
    }
    for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
      String prefix = BertWeights.layerPrefix(layer);
      hidden = attention(weight, prefix, hidden, bias, training);
      hidden = feedForward(weight, prefix, hidden, training);
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

  private NDArray dropout(NDArray x, boolean training) {
    return training && config.hiddenDropout() > 0
        ? Dropout.dropout(x, (float) config.hiddenDropout(), true).singletonOrThrow()
        : x;
  }

  private NDArray attention(Function<String, NDArray> weight, String prefix, NDArray hidden,
      NDArray bias, boolean training) {
    String self = prefix + "attention.self.";
    NDArray query = heads(linear(weight, self + "query", hidden));
    NDArray key = heads(linear(weight, self + "key", hidden));
    NDArray value = heads(linear(weight, self + "value", hidden));
    NDArray scores = query.matMul(key.transpose(0, 1, 3, 2))
        .div((float) Math.sqrt(config.headSize()))
        .add(bias);
    NDArray probabilities = scores.softmax(-1);
    if (training && config.attentionDropout() > 0) {
      probabilities = Dropout.dropout(probabilities, (float) config.attentionDropout(), true)
          .singletonOrThrow();
    }
    NDArray context = probabilities.matMul(value).transpose(0, 2, 1, 3)
        .reshape(hidden.getShape());
    NDArray out = dropout(linear(weight, prefix + "attention.output.dense", context), training);
    return norm(weight, prefix + "attention.output.LayerNorm", out.add(hidden));
  }

  /** [batch, tokens, hidden] to [batch, heads, tokens, head size]. */
  private NDArray heads(NDArray x) {
    Shape shape = x.getShape();
    return x.reshape(shape.get(0), shape.get(1), config.numAttentionHeads(), config.headSize())
        .transpose(0, 2, 1, 3);
  }

  private NDArray feedForward(
      Function<String, NDArray> weight, String prefix, NDArray hidden, boolean training) {
    NDArray inner = gelu(linear(weight, prefix + "intermediate.dense", hidden));
    NDArray out = dropout(linear(weight, prefix + "output.dense", inner), training);
    return norm(weight, prefix + "output.LayerNorm", out.add(hidden));
  }

  /** Exact GELU, x·Φ(x) with the error function, as Hugging Face's {@code "gelu"}. */
  static NDArray gelu(NDArray x) {
    return x.mul(x.div((float) Math.sqrt(2.0)).erf().add(1f)).mul(0.5f);
  }

  private NDArray linear(Function<String, NDArray> weight, String name, NDArray x) {
    NDArray y = Linear.linear(x, weight.apply(name + ".weight"), weight.apply(name + ".bias"))
        .singletonOrThrow();
    Parameter down = byName.get(name + ".lora_A.weight");
    if (down == null) {
      return y;
    }
    NDArray low = Linear.linear(x, weight.apply(name + ".lora_A.weight")).singletonOrThrow();
    NDArray up = Linear.linear(low, weight.apply(name + ".lora_B.weight")).singletonOrThrow();
    return y.add(up.mul(lora.scale()));
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
