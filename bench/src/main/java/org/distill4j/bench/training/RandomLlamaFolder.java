package org.distill4j.bench.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.distill4j.neural.decoder.DecoderConfig;
import org.distill4j.neural.decoder.DecoderWeights;
import org.distill4j.neural.decoder.WeightFiles;

/**
 * A random-weight Llama-shaped model folder in the Hugging Face layout ({@code config.json} and
 * {@code model.safetensors}, no tokenizer: the decoder benchmarks feed random ids), so they can
 * run without downloading a checkpoint. Weights are N(0, 0.02) and norm scales 1, as
 * transformers initialises Llama and as {@code bench/python/decoder_step.py} does.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" \
 *   org.distill4j.bench.training.RandomLlamaFolder --folder /tmp/llama-26m
 * </pre>
 */
public final class RandomLlamaFolder {
  private RandomLlamaFolder() {}

  /**
   * The shape of the model; the defaults are {@code decoder_step.py}'s (26.1 M parameters).
   *
   * @param hidden model width
   * @param layers decoder layers
   * @param heads query heads
   * @param kvHeads key/value heads
   * @param intermediate SwiGLU inner width
   * @param vocab vocabulary size
   * @param maxPositions {@code max_position_embeddings}
   */
  public record LlamaShape(int hidden, int layers, int heads, int kvHeads, int intermediate,
      int vocab, int maxPositions) {
    /** The shape given by {@code --hidden}, {@code --layers}… with the defaults for the rest. */
    static LlamaShape of(BenchArgs args) {
      return new LlamaShape(args.integer("hidden", 512), args.integer("layers", 6),
          args.integer("heads", 8), args.integer("kv-heads", 4),
          args.integer("intermediate", 1408), args.integer("vocab", 8192),
          args.integer("max-positions", 2048));
    }
  }

  public static void main(String[] argv) throws IOException {
    BenchArgs args = new BenchArgs(argv);
    Path folder = args.path("folder", "/tmp/distill4j-llama-random");
    DecoderConfig config = write(folder, LlamaShape.of(args), args.integer("seed", 1));
    System.out.printf("wrote %s: %,d parameters%n", folder, parameters(config));
  }

  /**
   * The folder the benchmarks run on: {@code --folder} when given (written first when it holds no
   * {@code config.json}), otherwise a fresh temporary folder of the shape the arguments give.
   */
  static Path resolve(BenchArgs args) throws IOException {
    String given = args.text("folder", "");
    Path folder = given.isEmpty() ? Files.createTempDirectory("distill4j-llama") : Path.of(given);
    if (!Files.isRegularFile(folder.resolve(DecoderConfig.FILE))) {
      write(folder, LlamaShape.of(args), args.integer("seed", 1));
    }
    return folder;
  }

  /** Writes {@code config.json} and {@code model.safetensors} into {@code folder}. */
  public static DecoderConfig write(Path folder, LlamaShape shape, long seed) throws IOException {
    Files.createDirectories(folder);
    ObjectMapper json = new ObjectMapper();
    ObjectNode node = json.createObjectNode();
    node.putArray("architectures").add("LlamaForCausalLM");
    node.put("model_type", "llama");
    node.put("hidden_size", shape.hidden());
    node.put("num_hidden_layers", shape.layers());
    node.put("num_attention_heads", shape.heads());
    node.put("num_key_value_heads", shape.kvHeads());
    node.put("head_dim", shape.hidden() / shape.heads());
    node.put("intermediate_size", shape.intermediate());
    node.put("vocab_size", shape.vocab());
    node.put("max_position_embeddings", shape.maxPositions());
    // decoder_step.py's values, so both sides compute the same function.
    node.put("rms_norm_eps", 1e-6);
    node.put("rope_theta", 10000.0);
    node.put("hidden_act", "silu");
    node.put("tie_word_embeddings", false);
    node.put("attention_bias", false);
    node.put("mlp_bias", false);
    node.put("attention_dropout", 0.0);
    node.put("torch_dtype", "float32");
    json.writerWithDefaultPrettyPrinter().writeValue(
        folder.resolve(DecoderConfig.FILE).toFile(), node);
    DecoderConfig config = DecoderConfig.read(folder);
    Engine.getInstance().setRandomSeed((int) seed);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList arrays = new NDList();
      for (Map.Entry<String, Shape> weight : DecoderWeights.shapes(config).entrySet()) {
        // Llama has no biases: the only one-dimensional parameters are RMSNorm scales.
        NDArray array = weight.getValue().dimension() == 1
            ? manager.ones(weight.getValue())
            : manager.randomNormal(0f, 0.02f, weight.getValue(), DataType.FLOAT32);
        array.setName(weight.getKey());
        arrays.add(array);
      }
      org.distill4j.neural.Safetensors.write(arrays, folder.resolve(WeightFiles.SINGLE));
    }
    return config;
  }

  /** Every parameter, embedding and norms included. */
  static long parameters(DecoderConfig config) {
    return DecoderWeights.shapes(config).values().stream().mapToLong(Shape::size).sum();
  }

  /**
   * The weights used in matrix products, as {@code decoder_step.py} counts them: every
   * two-dimensional weight except the token embedding (a lookup), the output projection included.
   */
  static long matMulParameters(DecoderConfig config) {
    String embedding = DecoderWeights.embedding(config);
    return DecoderWeights.shapes(config).entrySet().stream()
        .filter(w -> w.getValue().dimension() == 2 && !w.getKey().equals(embedding))
        .mapToLong(w -> w.getValue().size()).sum();
  }
}
