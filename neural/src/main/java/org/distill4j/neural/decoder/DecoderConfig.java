package org.distill4j.neural.decoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a decoder as its Hugging Face {@code config.json} gives it, reduced to what the
 * maths needs. The parsed file itself is kept so a saved folder carries every key the user's
 * tools expect, not only the ones read here.
 *
 * @param architecture which layer shape
 * @param vocabSize rows of the token embedding
 * @param hiddenSize model width
 * @param layers number of decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads (fewer than {@code heads}: grouped-query attention)
 * @param headDim width of one head
 * @param intermediateSize feed-forward inner width
 * @param maxPositions the longest sequence positions are defined for
 * @param normEps the LayerNorm / RMSNorm epsilon
 * @param ropeTheta rotary base (Llama family)
 * @param ropeScaling rotary scaling (Llama family)
 * @param tieEmbeddings whether the output projection is the token embedding
 * @param qkvBias whether query, key and value projections have biases
 * @param outputBias whether the attention output projection has a bias
 * @param mlpBias whether the feed-forward projections have biases
 * @param activation the feed-forward activation: {@code silu}, {@code gelu_new}, {@code gelu},
 *     {@code relu}
 * @param eosTokenIds the ids that end generation (may be empty)
 * @param source the parsed {@code config.json}
 */
public record DecoderConfig(Architecture architecture, int vocabSize, int hiddenSize, int layers,
    int heads, int kvHeads, int headDim, int intermediateSize, int maxPositions, double normEps,
    double ropeTheta, RopeScaling ropeScaling, boolean tieEmbeddings, boolean qkvBias,
    boolean outputBias, boolean mlpBias, String activation, List<Integer> eosTokenIds,
    JsonNode source) {
  /** The file name in a model folder. */
  public static final String FILE = "config.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> ACTIVATIONS =
      List.of("silu", "gelu_new", "gelu_pytorch_tanh", "gelu", "relu");

  public DecoderConfig {
    eosTokenIds = List.copyOf(eosTokenIds);
    if (heads % kvHeads != 0) {
      throw new IllegalArgumentException("num_attention_heads " + heads
          + " is not a multiple of num_key_value_heads " + kvHeads);
    }
  }

  /** Query heads per key/value head. */
  public int groups() {
    return heads / kvHeads;
  }

  /**
   * Reads {@code config.json} from {@code folder}.
   *
   * @throws IOException naming the file and the field that is missing or unsupported
   */
  public static DecoderConfig read(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no config.json; a decoder folder holds config.json,"
          + " model.safetensors (or shards with model.safetensors.index.json) and tokenizer.json");
    }
    JsonNode node;
    try {
      node = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
    }
    return fromJson(node, file);
  }

  /** The config of a parsed {@code config.json}; {@code file} names it in errors. */
  public static DecoderConfig fromJson(JsonNode node, Path file) throws IOException {
    String type = node.path("model_type").asText("");
    Architecture architecture = Architecture.of(type);
    if (architecture == null) {
      throw new IOException(file + ": model_type \"" + type + "\" is not a supported decoder;"
          + " supported: gpt2, llama, qwen2, mistral (SmolLM is llama)");
    }
    return architecture == Architecture.GPT2 ? gpt2(node, file) : llama(node, file, type);
  }

  private static DecoderConfig gpt2(JsonNode node, Path file) throws IOException {
    for (String flag : List.of("scale_attn_by_inverse_layer_idx", "reorder_and_upcast_attn")) {
      if (node.path(flag).asBoolean(false)) {
        throw new IOException(file + ": " + flag + " true is not supported");
      }
    }
    int hidden = required(node, file, "n_embd");
    int heads = required(node, file, "n_head");
    int inner = node.path("n_inner").canConvertToInt() ? node.get("n_inner").asInt() : 4 * hidden;
    return new DecoderConfig(Architecture.GPT2, required(node, file, "vocab_size"), hidden,
        required(node, file, "n_layer"), heads, heads, hidden / heads, inner,
        required(node, file, "n_positions"), node.path("layer_norm_epsilon").asDouble(1e-5),
        0, RopeScaling.NONE, node.path("tie_word_embeddings").asBoolean(true), true, true, true,
        activation(node, file, "activation_function", "gelu_new"), eos(node), node);
  }

  private static DecoderConfig llama(JsonNode node, Path file, String type) throws IOException {
    int hidden = required(node, file, "hidden_size");
    int heads = required(node, file, "num_attention_heads");
    int kvHeads = node.path("num_key_value_heads").canConvertToInt()
        ? node.get("num_key_value_heads").asInt() : heads;
    int headDim = node.path("head_dim").canConvertToInt()
        ? node.get("head_dim").asInt() : hidden / heads;
    // Qwen2 always biases query, key and value and never the output; Llama's attention_bias
    // switches all four.
    boolean qwen = type.equals("qwen2");
    boolean attentionBias = node.path("attention_bias").asBoolean(false);
    if (node.path("partial_rotary_factor").asDouble(1) != 1) {
      throw new IOException(file + ": partial_rotary_factor other than 1 is not supported");
    }
    return new DecoderConfig(Architecture.LLAMA, required(node, file, "vocab_size"), hidden,
        required(node, file, "num_hidden_layers"), heads, kvHeads, headDim,
        required(node, file, "intermediate_size"),
        node.path("max_position_embeddings").asInt(2048), node.path("rms_norm_eps").asDouble(1e-6),
        node.path("rope_theta").asDouble(10000),
        RopeScaling.parse(node.get("rope_scaling"), file),
        node.path("tie_word_embeddings").asBoolean(false), qwen || attentionBias,
        !qwen && attentionBias, node.path("mlp_bias").asBoolean(false),
        activation(node, file, "hidden_act", "silu"), eos(node), node);
  }

  private static String activation(JsonNode node, Path file, String key, String fallback)
      throws IOException {
    String name = node.path(key).asText(fallback);
    if (!ACTIVATIONS.contains(name)) {
      throw new IOException(file + ": " + key + " \"" + name + "\" is not supported; supported: "
          + String.join(", ", ACTIVATIONS));
    }
    return name.equals("gelu_pytorch_tanh") ? "gelu_new" : name;
  }

  private static List<Integer> eos(JsonNode node) {
    List<Integer> ids = new ArrayList<>();
    JsonNode eos = node.path("eos_token_id");
    if (eos.isArray()) {
      eos.forEach(id -> ids.add(id.asInt()));
    } else if (eos.canConvertToInt()) {
      ids.add(eos.asInt());
    }
    return ids;
  }

  private static int required(JsonNode node, Path file, String key) throws IOException {
    if (!node.path(key).canConvertToInt()) {
      throw new IOException(file + ": no integer " + key);
    }
    return node.get(key).asInt();
  }

  /** The config to save beside float32 weights: the source with {@code torch_dtype} float32. */
  public ObjectNode savedJson() {
    ObjectNode copy = source.deepCopy();
    copy.put("torch_dtype", "float32");
    return copy;
  }
}
