package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.distill4j.neural.Safetensors;

/**
 * Saves a decoder the two ways Python and serving tools load: a whole Hugging Face folder with
 * adapters merged into the weights (the layout vLLM, llama.cpp's converter and transformers read;
 * not tried with them here), or a PEFT adapter
 * folder ({@code adapter_config.json} + {@code adapter_model.safetensors}) to apply to the base.
 */
public final class DecoderFolder {
  /** PEFT's adapter settings file. */
  public static final String ADAPTER_CONFIG = "adapter_config.json";
  /** PEFT's adapter weights file. */
  public static final String ADAPTER_WEIGHTS = "adapter_model.safetensors";
  /** PEFT's prefix on every adapter tensor of a causal LM. */
  static final String PEFT_PREFIX = "base_model.model.";
  /** The tokenizer and generation files copied along with the weights, when present. */
  private static final List<String> COMPANIONS = List.of("tokenizer.json",
      "tokenizer_config.json", "generation_config.json", "special_tokens_map.json",
      "vocab.json", "merges.txt", "tokenizer.model");
  private static final ObjectMapper JSON = new ObjectMapper();

  private DecoderFolder() {}

  /** Writes {@code model} with adapters merged: config.json, model.safetensors, tokenizer files. */
  public static void saveMerged(DecoderLm model, Path folder) throws IOException {
    Files.createDirectories(folder);
    DecoderBlock block = model.block();
    DecoderConfig config = block.config();
    try (NDManager scope = model.manager().newSubManager()) {
      NDList weights = new NDList();
      Map<String, Parameter> parameters = block.parametersByName();
      for (String name : DecoderWeights.shapes(config).keySet()) {
        NDArray merged = merged(block, parameters, name, scope);
        merged.setName(name);
        weights.add(merged);
      }
      Safetensors.write(weights, folder.resolve(WeightFiles.SINGLE));
    }
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(folder.resolve(DecoderConfig.FILE).toFile(), config.savedJson());
    copyCompanions(model.folder(), folder);
  }

  /** {@code W + (alpha / r) · B A}, transposed for GPT-2's Conv1D; {@code W} without adapters. */
  private static NDArray merged(DecoderBlock block, Map<String, Parameter> parameters,
      String name, NDManager scope) {
    NDArray weight = parameters.get(name).getArray();
    String module = name.substring(0, name.length() - ".weight".length());
    Parameter down = parameters.get(module + ".lora_A.weight");
    if (!name.endsWith(".weight") || down == null) {
      NDArray copy = weight.duplicate();
      copy.attach(scope);
      return copy;
    }
    NDArray product = parameters.get(module + ".lora_B.weight").getArray()
        .matMul(down.getArray()).mul(block.lora().scale());
    if (block.config().architecture() == Architecture.GPT2) {
      product = product.transpose();
    }
    NDArray sum = weight.add(product);
    sum.attach(scope);
    return sum;
  }

  /**
   * Writes only the adapters, PEFT's way, for a base that {@code baseName} names (a hub id or a
   * path; PEFT records it in {@code base_model_name_or_path}).
   *
   * @throws IllegalStateException when the model has no adapters
   */
  public static void savePeft(DecoderLm model, Path folder, String baseName) throws IOException {
    DecoderBlock block = model.block();
    DecoderLora lora = block.lora();
    if (lora == null) {
      throw new IllegalStateException("the model has no lora adapters to save");
    }
    Files.createDirectories(folder);
    NDList adapters = new NDList();
    try (NDManager scope = model.manager().newSubManager()) {
      for (String name : DecoderBlock.adapterShapes(block.config(), lora).keySet()) {
        NDArray copy = block.parametersByName().get(name).getArray().duplicate();
        copy.attach(scope);
        copy.setName(PEFT_PREFIX + name);
        adapters.add(copy);
      }
      Safetensors.write(adapters, folder.resolve(ADAPTER_WEIGHTS));
    }
    ObjectNode config = JSON.createObjectNode()
        .put("peft_type", "LORA")
        .put("task_type", "CAUSAL_LM")
        .put("base_model_name_or_path", baseName)
        .put("r", lora.rank())
        .put("lora_alpha", lora.alpha())
        .put("lora_dropout", lora.dropout())
        .put("bias", "none")
        .put("fan_in_fan_out", block.config().architecture() == Architecture.GPT2)
        .put("inference_mode", true)
        .put("init_lora_weights", true)
        .put("use_rslora", false)
        .put("use_dora", false);
    config.putNull("modules_to_save");
    lora.targets().forEach(config.putArray("target_modules")::add);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(folder.resolve(ADAPTER_CONFIG).toFile(), config);
    copyCompanions(model.folder(), folder);
  }

  /**
   * The adapter settings of a PEFT folder.
   *
   * @throws IOException naming the file and the field that is missing or unsupported
   */
  static DecoderLora readAdapterConfig(Path folder) throws IOException {
    Path file = folder.resolve(ADAPTER_CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no adapter_config.json; not a PEFT adapter folder");
    }
    var node = JSON.readTree(file.toFile());
    if (!node.path("peft_type").asText("").equals("LORA")) {
      throw new IOException(file + ": peft_type " + node.path("peft_type")
          + " is not supported; only LORA");
    }
    for (String flag : List.of("use_dora", "use_rslora")) {
      if (node.path(flag).asBoolean(false)) {
        throw new IOException(file + ": " + flag + " true is not supported");
      }
    }
    List<String> targets = new java.util.ArrayList<>();
    var modules = node.path("target_modules");
    if (modules.isTextual()) {
      throw new IOException(file + ": target_modules as a pattern (\"" + modules.asText()
          + "\") is not supported; list the module names");
    }
    modules.forEach(m -> targets.add(m.asText()));
    try {
      return new DecoderLora(node.path("r").asInt(0), node.path("lora_alpha").asDouble(0),
          node.path("lora_dropout").asDouble(0), targets);
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Sets {@code model}'s adapters from a PEFT folder's weights, checking names and shapes. */
  static void readAdapterWeights(DecoderLm model, Path folder) throws IOException {
    Path file = folder.resolve(ADAPTER_WEIGHTS);
    Map<String, Parameter> parameters = model.block().parametersByName();
    var expected = DecoderBlock.adapterShapes(model.config(), model.block().lora());
    java.util.Set<String> seen = new java.util.HashSet<>();
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no adapter weights");
    }
    NDList arrays = Safetensors.read(model.manager(), file);
    for (NDArray array : arrays) {
      // PEFT writes "base_model.model.<module>.lora_A.weight"; some versions keep ".default".
      String name = array.getName().replace(".lora_A.default.", ".lora_A.")
          .replace(".lora_B.default.", ".lora_B.");
      name = name.startsWith(PEFT_PREFIX) ? name.substring(PEFT_PREFIX.length()) : name;
      if (!expected.containsKey(name)) {
        throw new IOException(file + ": tensor " + array.getName() + " is not an adapter this"
            + " adapter_config.json implies");
      }
      if (!array.getShape().equals(expected.get(name))) {
        throw new IOException(file + ": tensor " + array.getName() + " has shape "
            + array.getShape() + ", expected " + expected.get(name));
      }
      org.distill4j.neural.InPlace.copy(array.toType(ai.djl.ndarray.types.DataType.FLOAT32,
          false), parameters.get(name).getArray());
      array.close();
      seen.add(name);
    }
    for (String name : expected.keySet()) {
      if (!seen.contains(name)) {
        throw new IOException(file + ": no tensor " + PEFT_PREFIX + name);
      }
    }
  }

  private static void copyCompanions(Path from, Path to) throws IOException {
    for (String name : COMPANIONS) {
      Path source = from.resolve(name);
      Path target = to.resolve(name);
      if (Files.isRegularFile(source)
          && !(Files.exists(target) && Files.isSameFile(source, target))) {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
