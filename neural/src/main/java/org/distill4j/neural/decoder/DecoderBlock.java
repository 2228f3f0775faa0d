package org.distill4j.neural.decoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A decoder language model as one DJL block whose parameters carry the Hugging Face names, so a
 * safetensors checkpoint maps onto them one to one and a trainer sees every weight. GPT-2 and the
 * Llama family share the block; {@link DecoderConfig} says which layer shape runs.
 *
 * <p>{@link #forward(ParameterStore, DecoderInput, KvCache, boolean)} is the entry point: it
 * returns logits {@code [batch, tokens, vocab]} and, given a cache, attends to the cached
 * positions and appends the new ones. DJL's {@code forward(NDList)} takes ids, positions and
 * mask and runs without a cache.
 */
public final class DecoderBlock extends AbstractBlock {
  private final DecoderConfig config;
  private final DecoderLora lora;
  private final Map<String, Parameter> byName = new LinkedHashMap<>();
  private final Map<String, Shape> shapes;
  private final float[] inverseFrequencies;
  private final double residualDropout;
  private final double attentionDropout;
  private final double embeddingDropout;
  private DataType computeType = DataType.FLOAT32;

  /** A block for {@code config} with adapters as {@code lora} says ({@code null}: none). */
  public DecoderBlock(DecoderConfig config, DecoderLora lora) {
    this.config = config;
    this.lora = lora;
    if (lora != null) {
      lora.check(config.architecture());
    }
    this.shapes = new LinkedHashMap<>(DecoderWeights.shapes(config));
    shapes.putAll(adapterShapes(config, lora));
    for (Map.Entry<String, Shape> weight : shapes.entrySet()) {
      byName.put(weight.getKey(), addParameter(Parameter.builder().setName(weight.getKey())
          .setType(weight.getKey().endsWith("bias") ? Parameter.Type.BIAS : Parameter.Type.WEIGHT)
          .build()));
    }
    double[] inverse = config.ropeScaling().inverseFrequencies(config.headDim(),
        config.ropeTheta());
    this.inverseFrequencies = new float[inverse.length];
    for (int i = 0; i < inverse.length; i++) {
      inverseFrequencies[i] = (float) inverse[i];
    }
    boolean gpt2 = config.architecture() == Architecture.GPT2;
    var source = config.source();
    this.residualDropout = gpt2 ? source.path("resid_pdrop").asDouble(0.1) : 0;
    this.embeddingDropout = gpt2 ? source.path("embd_pdrop").asDouble(0.1) : 0;
    this.attentionDropout = source.path(gpt2 ? "attn_pdrop" : "attention_dropout")
        .asDouble(gpt2 ? 0.1 : 0);
  }

  /** The adapters' names and shapes ({@code null}: none), A before B, in layer order. */
  public static Map<String, Shape> adapterShapes(DecoderConfig config, DecoderLora lora) {
    Map<String, Shape> out = new LinkedHashMap<>();
    if (lora == null) {
      return out;
    }
    boolean conv1d = config.architecture() == Architecture.GPT2;
    for (Map.Entry<String, Shape> weight : DecoderWeights.shapes(config).entrySet()) {
      String name = weight.getKey();
      if (!name.endsWith(".weight") || weight.getValue().dimension() != 2) {
        continue;
      }
      String module = name.substring(0, name.length() - ".weight".length());
      if ((!module.contains("layers.") && !module.contains(".h.")) || !lora.adapts(module)) {
        continue;
      }
      Shape w = weight.getValue();
      long in = conv1d ? w.get(0) : w.get(1);
      long out2 = conv1d ? w.get(1) : w.get(0);
      out.put(module + ".lora_A.weight", new Shape(lora.rank(), in));
      out.put(module + ".lora_B.weight", new Shape(out2, lora.rank()));
    }
    return out;
  }

  /**
   * Runs forward passes in {@code type}: {@code FLOAT32} (the default), or {@code FLOAT16} for
   * generation and scoring at half the memory traffic on a GPU. The parameters stay float32:
   * each pass casts them as it reads them; norms, the softmax and the output logits are computed
   * in float32. Only for passes without gradients: DJL's casts run without autograd, so a
   * float16 pass would train nothing ({@code CausalLmTask} refuses it). bfloat16 is refused:
   * DJL's PyTorch engine (0.36) aborts the JVM when it makes a bfloat16 array.
   */
  public void computeIn(DataType type) {
    if (type == DataType.BFLOAT16) {
      throw new IllegalArgumentException("bfloat16 compute is not available: DJL's PyTorch"
          + " engine cannot make bfloat16 arrays (it aborts the process); use float16");
    }
    if (type != DataType.FLOAT32 && type != DataType.FLOAT16) {
      throw new IllegalArgumentException("compute type must be float32 or float16, not " + type);
    }
    this.computeType = type;
  }

  /** The type forward passes compute in. */
  public DataType computeType() {
    return computeType;
  }

  /** The configuration it was built for. */
  public DecoderConfig config() {
    return config;
  }

  /** The adapters, or null. */
  public DecoderLora lora() {
    return lora;
  }

  /** Its parameters by Hugging Face name. */
  public Map<String, Parameter> parametersByName() {
    return Collections.unmodifiableMap(byName);
  }

  /** Every parameter's shape, adapters included. */
  public Map<String, Shape> shapes() {
    return Collections.unmodifiableMap(shapes);
  }

  /**
   * Logits {@code [batch, tokens, vocab]} for {@code input}; with a cache, the new tokens attend
   * to everything cached and are appended to it.
   */
  public NDArray forward(ParameterStore store, DecoderInput input, KvCache cache,
      boolean training) {
    NDArray ids = input.ids();
    Device device = ids.getDevice();
    NDManager scope = ids.getManager();
    Projection p = new Projection(
        name -> cast(store.getValue(byName.get(name), device, training)),
        byName::containsKey, config.architecture(), lora, training);
    int past = cache == null ? 0 : cache.length();
    NDArray keyMask = AttentionBias.keys(cache == null ? null : cache.keyMask(), input.mask());
    NDArray bias = AttentionBias.of(scope, past, (int) ids.getShape().get(1), keyMask,
        input.segments());
    NDArray hidden = lookup(ids, p.weight(DecoderWeights.embedding(config)));
    NDArray out;
    if (config.architecture() == Architecture.GPT2) {
      hidden = hidden.add(lookup(input.positions(), p.weight("transformer.wpe.weight")));
      hidden = LayerMaths.dropout(hidden, embeddingDropout, training);
      for (int layer = 0; layer < config.layers(); layer++) {
        hidden = gpt2Layer(p, layer, hidden, bias, cache, training);
      }
      out = LayerMaths.layerNorm(p, "transformer.ln_f", hidden, config.normEps());
    } else {
      NDArray[] rotary = rotary(input.positions());
      for (int layer = 0; layer < config.layers(); layer++) {
        hidden = llamaLayer(p, layer, hidden, bias, rotary, cache, training);
      }
      out = LayerMaths.rmsNorm(p, "model.norm", hidden, config.normEps());
    }
    if (cache != null) {
      cache.advance(keyMask, (int) ids.getShape().get(1));
    }
    String head = config.tieEmbeddings() ? DecoderWeights.embedding(config) : DecoderWeights.LM_HEAD;
    return Linear.linear(out, p.weight(head)).singletonOrThrow()
        .toType(DataType.FLOAT32, false);
  }

  private NDArray gpt2Layer(Projection p, int layer, NDArray hidden, NDArray bias,
      KvCache cache, boolean training) {
    String prefix = DecoderWeights.layerPrefix(config, layer);
    int heads = config.heads();
    int dim = config.headDim();
    NDArray normed = LayerMaths.layerNorm(p, prefix + "ln_1", hidden, config.normEps());
    NDList qkv = p.apply(prefix + "attn.c_attn", normed).split(3, 2);
    NDArray query = LayerMaths.heads(qkv.get(0), heads, dim);
    NDArray key = LayerMaths.heads(qkv.get(1), heads, dim);
    NDArray value = LayerMaths.heads(qkv.get(2), heads, dim);
    if (cache != null) {
      NDList all = cache.append(layer, key, value);
      key = all.get(0);
      value = all.get(1);
    }
    NDArray context = LayerMaths.merge(
        LayerMaths.attend(query, key, value, bias, 1, attentionDropout, training));
    NDArray attended = LayerMaths.dropout(p.apply(prefix + "attn.c_proj", context),
        residualDropout, training);
    hidden = hidden.add(attended);
    NDArray inner = LayerMaths.activate(config.activation(),
        p.apply(prefix + "mlp.c_fc", LayerMaths.layerNorm(p, prefix + "ln_2", hidden,
            config.normEps())));
    return hidden.add(LayerMaths.dropout(p.apply(prefix + "mlp.c_proj", inner), residualDropout,
        training));
  }

  private NDArray llamaLayer(Projection p, int layer, NDArray hidden, NDArray bias,
      NDArray[] rotary, KvCache cache, boolean training) {
    String prefix = DecoderWeights.layerPrefix(config, layer);
    String a = prefix + "self_attn.";
    int dim = config.headDim();
    NDArray normed = LayerMaths.rmsNorm(p, prefix + "input_layernorm", hidden, config.normEps());
    NDArray query = LayerMaths.rotate(
        LayerMaths.heads(p.apply(a + "q_proj", normed), config.heads(), dim), rotary[0], rotary[1]);
    NDArray key = LayerMaths.rotate(
        LayerMaths.heads(p.apply(a + "k_proj", normed), config.kvHeads(), dim), rotary[0],
        rotary[1]);
    NDArray value = LayerMaths.heads(p.apply(a + "v_proj", normed), config.kvHeads(), dim);
    if (cache != null) {
      NDList all = cache.append(layer, key, value);
      key = all.get(0);
      value = all.get(1);
    }
    NDArray context = LayerMaths.merge(LayerMaths.attend(query, key, value, bias,
        config.groups(), attentionDropout, training));
    hidden = hidden.add(p.apply(a + "o_proj", context));
    NDArray normed2 = LayerMaths.rmsNorm(p, prefix + "post_attention_layernorm", hidden,
        config.normEps());
    NDArray gate = LayerMaths.activate(config.activation(), p.apply(prefix + "mlp.gate_proj",
        normed2));
    NDArray inner = gate.mul(p.apply(prefix + "mlp.up_proj", normed2));
    return hidden.add(p.apply(prefix + "mlp.down_proj", inner));
  }

  /** cos and sin {@code [batch, 1, tokens, headDim]} for the positions. */
  private NDArray[] rotary(NDArray positions) {
    NDManager scope = positions.getManager();
    NDArray inverse = scope.create(inverseFrequencies).toDevice(positions.getDevice(), false);
    NDArray angles = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(inverse);
    NDArray doubled = angles.concat(angles, -1).expandDims(1);
    return new NDArray[] {cast(doubled.cos()), cast(doubled.sin())};
  }

  private NDArray cast(NDArray array) {
    return array.getDataType() == computeType ? array : array.toType(computeType, false);
  }

  private static NDArray lookup(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  @Override
  protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
      PairList<String, Object> params) {
    DecoderInput input = new DecoderInput(inputs.get(0), inputs.get(1), inputs.get(2), null);
    return new NDList(forward(store, input, null, training));
  }

  /**
   * Gives the still empty parameters their shapes before DJL initialises them (not at
   * construction: DJL refuses {@code setArray} on a parameter with a shape, and loading sets
   * arrays).
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
    return new Shape[] {new Shape(ids.get(0), ids.get(1), config.vocabSize())};
  }
}
