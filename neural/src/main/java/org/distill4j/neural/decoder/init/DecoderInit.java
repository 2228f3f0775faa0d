package org.distill4j.neural.decoder.init;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.DecoderWeights;
import org.distill4j.neural.decoder.WeightFiles;

/**
 * Writes a new Llama-shaped decoder with random weights as a Hugging Face folder: config.json,
 * model.safetensors (linear and embedding weights normal with std 0.02, as transformers
 * initialises them; norm weights 1), the tokenizer, a ChatML chat template in
 * tokenizer_config.json, and generation_config.json stopping at the end of a turn.
 */
public final class DecoderInit {
  /** transformers' {@code initializer_range}. */
  private static final double STD = 0.02;
  private static final String CHAT_TEMPLATE = "{% for message in messages %}"
      + "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
      + "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

  private DecoderInit() {}

  /**
   * Writes the folder for {@code vocabulary} (as {@link WordVocabulary#learn} makes it).
   *
   * @return the config written
   */
  public static DecoderConfig write(Path folder, DecoderShape shape, List<String> vocabulary,
      long seed) throws IOException {
    Files.createDirectories(folder);
    ObjectMapper json = new ObjectMapper();
    int end = vocabulary.indexOf(WordVocabulary.END);
    int turnEnd = vocabulary.indexOf(WordVocabulary.TURN_END);
    ObjectNode config = json.createObjectNode()
        .put("model_type", "llama").put("hidden_size", shape.hidden())
        .put("intermediate_size", shape.intermediate())
        .put("num_hidden_layers", shape.layers())
        .put("num_attention_heads", shape.heads())
        .put("num_key_value_heads", shape.kvHeads())
        .put("max_position_embeddings", shape.maxPositions())
        .put("vocab_size", vocabulary.size()).put("rms_norm_eps", 1e-6)
        .put("rope_theta", 10000.0).put("tie_word_embeddings", true)
        .put("hidden_act", "silu").put("attention_dropout", shape.attentionDropout())
        .put("bos_token_id", end).put("eos_token_id", turnEnd)
        .put("torch_dtype", "float32");
    config.putArray("architectures").add("LlamaForCausalLM");
    json.writerWithDefaultPrettyPrinter().writeValue(folder.resolve(DecoderConfig.FILE).toFile(),
        config);
    DecoderConfig parsed = DecoderConfig.read(folder);
    writeWeights(folder, parsed, seed);
    WordVocabulary.write(vocabulary, folder.resolve("tokenizer.json"));
    ObjectNode tokenizerConfig = json.createObjectNode()
        .put("eos_token", WordVocabulary.TURN_END).put("pad_token", WordVocabulary.END)
        .put("unk_token", WordVocabulary.UNKNOWN).put("chat_template", CHAT_TEMPLATE);
    tokenizerConfig.putNull("bos_token");
    json.writerWithDefaultPrettyPrinter()
        .writeValue(folder.resolve("tokenizer_config.json").toFile(), tokenizerConfig);
    json.writerWithDefaultPrettyPrinter().writeValue(
        folder.resolve("generation_config.json").toFile(),
        json.createObjectNode().put("eos_token_id", turnEnd).put("pad_token_id", end));
    return parsed;
  }

  private static void writeWeights(Path folder, DecoderConfig config, long seed)
      throws IOException {
    Random random = new Random(seed);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList weights = new NDList();
      for (Map.Entry<String, Shape> weight : DecoderWeights.shapes(config).entrySet()) {
        float[] values = new float[(int) weight.getValue().size()];
        boolean norm = weight.getKey().endsWith("norm.weight");
        for (int i = 0; i < values.length; i++) {
          values[i] = norm ? 1f : (float) (random.nextGaussian() * STD);
        }
        NDArray array = manager.create(values, weight.getValue());
        array.setName(weight.getKey());
        weights.add(array);
      }
      org.distill4j.neural.Safetensors.write(weights, folder.resolve(WeightFiles.SINGLE));
    }
  }
}
