package org.distill4j.neural.decoder;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameter names and shapes of a decoder, as transformers names them in
 * {@code GPT2LMHeadModel} and {@code LlamaForCausalLM} (Qwen2 and Mistral use Llama's names), and
 * the mapping from the variants found in published checkpoints onto them.
 */
public final class DecoderWeights {
  private DecoderWeights() {}

  /** The prefix of one layer's parameters. */
  public static String layerPrefix(DecoderConfig config, int layer) {
    return config.architecture() == Architecture.GPT2
        ? "transformer.h." + layer + "."
        : "model.layers." + layer + ".";
  }

  /** The token embedding's name; with tied embeddings it is also the output projection. */
  public static String embedding(DecoderConfig config) {
    return config.architecture() == Architecture.GPT2
        ? "transformer.wte.weight"
        : "model.embed_tokens.weight";
  }

  /** The output projection's name when it is not tied. */
  public static final String LM_HEAD = "lm_head.weight";

  /** Every parameter's shape by name, in the order transformers lists them. */
  public static Map<String, Shape> shapes(DecoderConfig config) {
    Map<String, Shape> out = new LinkedHashMap<>();
    int h = config.hiddenSize();
    out.put(embedding(config), new Shape(config.vocabSize(), h));
    if (config.architecture() == Architecture.GPT2) {
      gpt2(config, out);
    } else {
      llama(config, out);
    }
    if (!config.tieEmbeddings()) {
      out.put(LM_HEAD, new Shape(config.vocabSize(), h));
    }
    return out;
  }

  private static void gpt2(DecoderConfig config, Map<String, Shape> out) {
    int h = config.hiddenSize();
    int inner = config.intermediateSize();
    out.put("transformer.wpe.weight", new Shape(config.maxPositions(), h));
    for (int layer = 0; layer < config.layers(); layer++) {
      String p = layerPrefix(config, layer);
      out.put(p + "ln_1.weight", new Shape(h));
      out.put(p + "ln_1.bias", new Shape(h));
      // Conv1D stores its weight as [in, out], the transpose of a Linear's.
      out.put(p + "attn.c_attn.weight", new Shape(h, 3L * h));
      out.put(p + "attn.c_attn.bias", new Shape(3L * h));
      out.put(p + "attn.c_proj.weight", new Shape(h, h));
      out.put(p + "attn.c_proj.bias", new Shape(h));
      out.put(p + "ln_2.weight", new Shape(h));
      out.put(p + "ln_2.bias", new Shape(h));
      out.put(p + "mlp.c_fc.weight", new Shape(h, inner));
      out.put(p + "mlp.c_fc.bias", new Shape(inner));
      out.put(p + "mlp.c_proj.weight", new Shape(inner, h));
      out.put(p + "mlp.c_proj.bias", new Shape(h));
    }
    out.put("transformer.ln_f.weight", new Shape(h));
    out.put("transformer.ln_f.bias", new Shape(h));
  }

  private static void llama(DecoderConfig config, Map<String, Shape> out) {
    int h = config.hiddenSize();
    int q = config.heads() * config.headDim();
    int kv = config.kvHeads() * config.headDim();
    int inner = config.intermediateSize();
    for (int layer = 0; layer < config.layers(); layer++) {
      String p = layerPrefix(config, layer);
      String a = p + "self_attn.";
      linear(out, a + "q_proj", q, h, config.qkvBias());
      linear(out, a + "k_proj", kv, h, config.qkvBias());
      linear(out, a + "v_proj", kv, h, config.qkvBias());
      linear(out, a + "o_proj", h, q, config.outputBias());
      linear(out, p + "mlp.gate_proj", inner, h, config.mlpBias());
      linear(out, p + "mlp.up_proj", inner, h, config.mlpBias());
      linear(out, p + "mlp.down_proj", h, inner, config.mlpBias());
      out.put(p + "input_layernorm.weight", new Shape(h));
      out.put(p + "post_attention_layernorm.weight", new Shape(h));
    }
    out.put("model.norm.weight", new Shape(h));
  }

  private static void linear(Map<String, Shape> out, String name, int rows, int columns,
      boolean bias) {
    out.put(name + ".weight", new Shape(rows, columns));
    if (bias) {
      out.put(name + ".bias", new Shape(rows));
    }
  }

  /**
   * The canonical name of a tensor found in a checkpoint, or null for a tensor that is not a
   * parameter: GPT-2's original files omit the {@code transformer.} prefix and carry causal-mask
   * buffers ({@code h.0.attn.bias}); older Llama files carry {@code rotary_emb.inv_freq}; tied
   * models sometimes also store {@code lm_head.weight}, a copy of the embedding.
   */
  public static String canonical(DecoderConfig config, String name) {
    if (name.endsWith("rotary_emb.inv_freq")) {
      return null;
    }
    if (name.equals(LM_HEAD) && config.tieEmbeddings()) {
      return null;
    }
    if (config.architecture() != Architecture.GPT2 || name.equals(LM_HEAD)) {
      return name;
    }
    if (name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")) {
      return null;
    }
    return name.startsWith("transformer.") ? name : "transformer." + name;
  }
}
