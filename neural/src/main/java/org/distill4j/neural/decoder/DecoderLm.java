package org.distill4j.neural.decoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.distill4j.neural.Tunable;

/**
 * A decoder language model loaded from a Hugging Face folder: the block with its weights, the
 * folder it came from (tokenizer and chat template live there), and the device it runs on.
 */
public final class DecoderLm implements AutoCloseable, Tunable {
  private final NDManager manager;
  private final DecoderBlock block;
  private final Path folder;
  private final ParameterStore inference;

  private DecoderLm(NDManager manager, DecoderBlock block, Path folder) {
    this.manager = manager;
    this.block = block;
    this.folder = folder;
    this.inference = new ParameterStore(manager, false);
  }

  /**
   * Loads the model in {@code folder} onto {@code device}, with fresh adapters when {@code lora}
   * is given ({@code A} from {@code seed}, {@code B} zero, so the model starts as its base).
   *
   * @throws IOException naming the file and the field or tensor that is missing or does not fit
   */
  public static DecoderLm load(Path folder, DecoderLora lora, Device device, long seed)
      throws IOException {
    DecoderConfig config = DecoderConfig.read(folder);
    DecoderBlock block;
    try {
      block = new DecoderBlock(config, lora);
    } catch (IllegalArgumentException e) {
      throw new IOException(folder.resolve(DecoderConfig.FILE) + ": " + e.getMessage(), e);
    }
    NDManager manager = NDManager.newBaseManager(device);
    try {
      Map<String, NDArray> weights = WeightFiles.read(manager, folder, config);
      Map<String, Parameter> parameters = block.parametersByName();
      for (Map.Entry<String, NDArray> weight : weights.entrySet()) {
        parameters.get(weight.getKey()).setArray(weight.getValue());
      }
      Random random = new Random(seed);
      for (Map.Entry<String, Shape> adapter
          : DecoderBlock.adapterShapes(config, lora).entrySet()) {
        parameters.get(adapter.getKey()).setArray(adapterStart(manager, adapter.getKey(),
            adapter.getValue(), random));
      }
      return new DecoderLm(manager, block, folder);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /**
   * Loads the base model in {@code base} with the PEFT adapter in {@code adapter} (as
   * {@link DecoderFolder#savePeft} or PEFT writes it) applied, adapters unmerged.
   *
   * @throws IOException naming the file and the field or tensor that is missing or does not fit
   */
  public static DecoderLm loadWithAdapter(Path base, Path adapter, Device device)
      throws IOException {
    DecoderLora lora = DecoderFolder.readAdapterConfig(adapter);
    DecoderLm model = load(base, lora, device, 0);
    try {
      DecoderFolder.readAdapterWeights(model, adapter);
      return model;
    } catch (IOException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * PEFT's start: {@code A} uniform in ±1/√in (Kaiming-uniform with a = √5), {@code B} zero.
   */
  private static NDArray adapterStart(NDManager manager, String name, Shape shape,
      Random random) {
    float[] values = new float[(int) shape.size()];
    if (name.endsWith("lora_A.weight")) {
      double bound = 1 / Math.sqrt(shape.get(1));
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
      }
    }
    NDArray array = manager.create(values, shape);
    array.setName(name);
    return array;
  }

  /** The network whose parameters a trainer updates. */
  public DecoderBlock block() {
    return block;
  }

  /** The configuration. */
  public DecoderConfig config() {
    return block.config();
  }

  /** The folder it was loaded from (tokenizer, chat template, generation config). */
  public Path folder() {
    return folder;
  }

  /** The manager that owns the parameters. */
  @Override
  public NDManager manager() {
    return manager;
  }

  /** The device the parameters live on. */
  public Device device() {
    return manager.getDevice();
  }

  /**
   * Logits {@code [rows, length, vocab]} of equal-length rows of token ids without dropout, as a
   * flat array; positions count from 0 in each row.
   */
  public float[] logits(long[][] ids) {
    try (NDManager scope = manager.newSubManager()) {
      return forward(scope, ids, null).toFloatArray();
    }
  }

  /**
   * Logits for equal-length rows appended after what {@code cache} holds (null: no cache), in
   * {@code scope}; positions continue from the cache.
   */
  public NDArray forward(NDManager scope, long[][] ids, KvCache cache) {
    int rows = ids.length;
    int width = ids[0].length;
    long[] flat = new long[rows * width];
    long[] positions = new long[flat.length];
    int past = cache == null ? 0 : cache.length();
    for (int r = 0; r < rows; r++) {
      System.arraycopy(ids[r], 0, flat, r * width, width);
      for (int t = 0; t < width; t++) {
        positions[r * width + t] = past + t;
      }
    }
    Shape shape = new Shape(rows, width);
    float[] ones = new float[flat.length];
    Arrays.fill(ones, 1f);
    DecoderInput input = new DecoderInput(scope.create(flat, shape),
        scope.create(positions, shape), scope.create(ones, shape), null);
    return block.forward(inference, input, cache, false);
  }

  @Override
  public Map<String, Parameter> parameters() {
    return block.parametersByName();
  }

  /** Every weight, or with adapters only the adapters (the base stays frozen). */
  @Override
  public Map<String, Parameter> trainable() {
    Map<String, Parameter> out = new java.util.LinkedHashMap<>();
    block.parametersByName().forEach((name, p) -> {
      if (block.lora() == null || name.contains(".lora_")) {
        out.put(name, p);
      }
    });
    return out;
  }

  @Override
  public int depth() {
    return config().layers();
  }

  /**
   * The token and position tables (with tied embeddings the output projection too) and the
   * lowest {@code layers} layers.
   */
  @Override
  public boolean frozenBelow(String name, int layers) {
    if (name.equals(DecoderWeights.embedding(config())) || name.equals("transformer.wpe.weight")) {
      return true;
    }
    for (int layer = 0; layer < layers; layer++) {
      if (name.startsWith(DecoderWeights.layerPrefix(config(), layer))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String describe() {
    DecoderConfig c = config();
    return "decoder=" + c.architecture() + " layers=" + c.layers() + " hidden=" + c.hiddenSize()
        + " vocab=" + c.vocabSize() + " lora=" + block.lora();
  }

  /**
   * The ids that end a reply: {@code eos_token_id} of config.json and of generation_config.json
   * (either may be one id or a list; chat models often add their end-of-turn token there).
   *
   * @throws IOException naming generation_config.json when it is not valid JSON
   */
  public java.util.Set<Integer> stopIds() throws IOException {
    java.util.Set<Integer> ids = new java.util.LinkedHashSet<>(config().eosTokenIds());
    Path file = folder.resolve("generation_config.json");
    if (java.nio.file.Files.isRegularFile(file)) {
      com.fasterxml.jackson.databind.JsonNode eos;
      try {
        eos = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile())
            .path("eos_token_id");
      } catch (IOException e) {
        throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
      }
      if (eos.isArray()) {
        eos.forEach(id -> ids.add(id.asInt()));
      } else if (eos.canConvertToInt()) {
        ids.add(eos.asInt());
      }
    }
    return ids;
  }

  /** A new, empty cache for generation. */
  public KvCache newCache() {
    return new KvCache(manager, config().layers());
  }

  /** The parameter store for inference (no gradients). */
  public ParameterStore inferenceStore() {
    return inference;
  }

  @Override
  public void close() {
    manager.close();
  }
}
