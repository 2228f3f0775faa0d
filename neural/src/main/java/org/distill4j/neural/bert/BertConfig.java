package org.distill4j.neural.bert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The part of a Hugging Face {@code BertModel} {@code config.json} the encoder needs. Written
 * with the keys and fixed values ({@code "gelu"}, {@code 1e-12}, {@code "bert"}) that
 * transformers' {@code BertModel.from_pretrained} expects, so the folder loads there too.
 */
public record BertConfig(
    int hiddenSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int intermediateSize,
    int vocabSize,
    int maxPositionEmbeddings,
    int typeVocabSize,
    double layerNormEps,
    double hiddenDropout,
    double attentionDropout) {
  /** The file name inside a model folder. */
  public static final String FILE = "config.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public BertConfig {
    if (hiddenDropout < 0 || hiddenDropout >= 1 || attentionDropout < 0 || attentionDropout >= 1) {
      throw new IllegalArgumentException("dropout probabilities must be in [0, 1), found "
          + hiddenDropout + " and " + attentionDropout);
    }
    if (numAttentionHeads <= 0 || hiddenSize % numAttentionHeads != 0) {
      throw new IllegalArgumentException("hidden size " + hiddenSize
          + " is not a multiple of the attention head count " + numAttentionHeads);
    }
  }

  /** The width of one attention head. */
  public int headSize() {
    return hiddenSize / numAttentionHeads;
  }

  /** Writes {@code config.json} into {@code folder}. */
  public void write(Path folder) throws IOException {
    JSON.writeValue(folder.resolve(FILE).toFile(), json());
  }

  /** The {@code config.json} of a bare {@code BertModel}; a head adds its own keys to it. */
  public ObjectNode json() {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("architectures").add("BertModel");
    node.put("model_type", "bert");
    node.put("hidden_size", hiddenSize);
    node.put("num_hidden_layers", numHiddenLayers);
    node.put("num_attention_heads", numAttentionHeads);
    node.put("intermediate_size", intermediateSize);
    node.put("vocab_size", vocabSize);
    node.put("max_position_embeddings", maxPositionEmbeddings);
    node.put("type_vocab_size", typeVocabSize);
    node.put("hidden_act", "gelu");
    node.put("layer_norm_eps", layerNormEps);
    node.put("hidden_dropout_prob", hiddenDropout);
    node.put("attention_probs_dropout_prob", attentionDropout);
    return node;
  }

  /**
   * Reads {@code config.json} from {@code folder}.
   *
   * @throws IOException when the file is missing, or names another model type or activation
   */
  public static BertConfig read(Path folder) throws IOException {
    Path file = folder.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no config.json; a model folder holds config.json,"
          + " model.safetensors and tokenizer.json (distill model import-onnx makes one)");
    }
    return fromJson(JSON.readTree(file.toFile()), file);
  }

  /** The encoder part of a parsed {@code config.json}; {@code file} names it in errors. */
  public static BertConfig fromJson(JsonNode node, Path file) throws IOException {
    String type = node.path("model_type").asText("bert");
    String act = node.path("hidden_act").asText("gelu");
    if (!type.equals("bert") || !act.equals("gelu")) {
      throw new IOException(file + ": model_type " + type + " with hidden_act " + act
          + " is not a BERT encoder with exact GELU");
    }
    return new BertConfig(
        required(node, file, "hidden_size"),
        required(node, file, "num_hidden_layers"),
        required(node, file, "num_attention_heads"),
        required(node, file, "intermediate_size"),
        required(node, file, "vocab_size"),
        required(node, file, "max_position_embeddings"),
        node.path("type_vocab_size").asInt(2),
        node.path("layer_norm_eps").asDouble(1e-12),
        node.path("hidden_dropout_prob").asDouble(0.1),
        node.path("attention_probs_dropout_prob").asDouble(0.1));
  }

  private static int required(JsonNode node, Path file, String key) throws IOException {
    if (!node.path(key).canConvertToInt()) {
      throw new IOException(file + ": no integer " + key);
    }
    return node.get(key).asInt();
  }
}
