package org.distill4j.neural.bert;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Reading and writing {@link BertClassifier} folders: a pretrained encoder plus a fresh head, a
 * saved classifier, and the Hugging Face config keys that say which head it is.
 */
final class ClassifierFolder {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** transformers' {@code initializer_range}: the std of a fresh Linear weight. */
  private static final double INIT_STD = 0.02;

  private ClassifierFolder() {}

  static BertClassifier create(Path base, BertHead head, LoraSettings lora, int maxTokens,
      long seed, Device device) throws IOException {
    BertConfig config = BertConfig.read(base);
    Path tokenizer = tokenizerOf(base);
    // Every array the model makes later (batches, optimiser state) comes from this manager or
    // its sub-managers, so this one device choice places the whole run.
    NDManager manager = NDManager.newBaseManager(device);
    try {
      BertClassifierBlock block = new BertClassifierBlock(config, head, lora);
      Map<String, NDArray> stored = withBodyPrefix(BertFolder.readAll(manager, base));
      Path file = base.resolve(BertFolder.WEIGHTS);
      for (Map.Entry<String, Shape> weight : block.shapes().entrySet()) {
        String name = weight.getKey();
        NDArray array = name.startsWith("classifier.") || isAdapter(name)
            ? null : stored.get(name);
        if (array == null) {
          if (!name.startsWith("classifier.") && !name.startsWith("bert.pooler.")
              && !isAdapter(name)) {
            throw new IOException(file + ": no tensor " + name.substring(5));
          }
          array = fresh(manager, name, weight.getValue(), seed);
        }
        set(block, name, array, weight.getValue(), file);
      }
      return new BertClassifier(manager, block, tokenizer, maxTokens);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  static BertClassifier load(Path folder, int maxTokens, Device device) throws IOException {
    Path configFile = folder.resolve(BertConfig.FILE);
    if (!Files.isRegularFile(configFile)) {
      throw new IOException(configFile + ": no config.json");
    }
    JsonNode json = JSON.readTree(configFile.toFile());
    BertConfig config = BertConfig.fromJson(json, configFile);
    BertHead head = headOf(json, configFile);
    Path tokenizer = tokenizerOf(folder);
    NDManager manager = NDManager.newBaseManager(device);
    try {
      BertClassifierBlock block = new BertClassifierBlock(config, head, null);
      Map<String, NDArray> stored = BertFolder.readAll(manager, folder);
      Path file = folder.resolve(BertFolder.WEIGHTS);
      for (Map.Entry<String, Shape> weight : block.shapes().entrySet()) {
        NDArray array = stored.get(weight.getKey());
        if (array == null) {
          throw new IOException(file + ": no tensor " + weight.getKey() + " (a "
              + head.kind().architecture() + " folder holds the encoder, pooler and classifier)");
        }
        set(block, weight.getKey(), array, weight.getValue(), file);
      }
      return new BertClassifier(manager, block, tokenizer, maxTokens);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** Writes config.json and model.safetensors, adapters merged into their projections. */
  static void save(BertClassifier classifier, Path folder) throws IOException {
    Files.createDirectories(folder);
    BertClassifierBlock block = classifier.block();
    BertHead head = block.head();
    ObjectNode config = block.body().config().json();
    config.putArray("architectures").add(head.kind().architecture());
    ObjectNode id2label = config.putObject("id2label");
    ObjectNode label2id = config.putObject("label2id");
    for (int i = 0; i < head.labels().size(); i++) {
      id2label.put(Integer.toString(i), head.labels().get(i));
      label2id.put(head.labels().get(i), i);
    }
    if (head.kind() == BertHead.Kind.SEQUENCE_CLASSIFICATION && head.outputs() > 1) {
      config.put("problem_type", "single_label_classification");
    }
    JSON.writeValue(folder.resolve(BertConfig.FILE).toFile(), config);
    try (NDManager scope = classifier.manager().newSubManager()) {
      NDList weights = new NDList();
      for (Map.Entry<String, Parameter> parameter : block.parametersByName().entrySet()) {
        String name = parameter.getKey();
        if (!isAdapter(name)) {
          NDArray merged = merged(block, name, parameter.getValue().getArray(), scope);
          merged.setName(name);
          weights.add(merged);
        }
      }
      BertFolder.writeWeights(weights, folder);
    }
  }

  /** The weight with its adapter's {@code scale · B A} added, or itself without adapter. */
  private static NDArray merged(BertClassifierBlock block, String name, NDArray weight,
      NDManager scope) {
    LoraSettings lora = block.body().lora();
    String bodyName = name.substring(BertClassifierBlock.BODY.length());
    Map<String, Parameter> body = block.body().parametersByName();
    Parameter down = name.endsWith(".weight")
        ? body.get(bodyName.substring(0, bodyName.length() - 7) + ".lora_A.weight") : null;
    if (lora == null || down == null || !name.startsWith(BertClassifierBlock.BODY)) {
      return weight.duplicate();
    }
    Parameter up = body.get(bodyName.substring(0, bodyName.length() - 7) + ".lora_B.weight");
    NDArray product = up.getArray().matMul(down.getArray());
    NDArray delta = product.mul(lora.scale());
    NDArray sum = weight.add(delta);
    product.attach(scope);
    delta.attach(scope);
    sum.attach(scope);
    return sum;
  }

  private static BertHead headOf(JsonNode json, Path file) throws IOException {
    String architecture = json.path("architectures").path(0).asText("");
    BertHead.Kind kind = BertHead.Kind.ofArchitecture(architecture);
    if (kind == null) {
      throw new IOException(file + ": architectures is '" + architecture + "', not a BERT model"
          + " with a head (BertForSequenceClassification or BertForMultipleChoice); to start"
          + " from an encoder, make a new classifier on it");
    }
    Map<Integer, String> byId = new TreeMap<>();
    json.path("id2label").fields().forEachRemaining(e ->
        byId.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
    List<String> labels = new ArrayList<>(byId.values());
    if (labels.isEmpty()) {
      throw new IOException(file + ": no id2label");
    }
    return new BertHead(kind, labels);
  }

  /** Names of a bare BertModel file get transformers' {@code bert.} prefix. */
  private static Map<String, NDArray> withBodyPrefix(Map<String, NDArray> stored) {
    Map<String, NDArray> out = new HashMap<>();
    stored.forEach((name, array) -> out.put(
        name.startsWith(BertClassifierBlock.BODY) || name.startsWith("classifier.")
            ? name : BertClassifierBlock.BODY + name, array));
    return out;
  }

  static boolean isAdapter(String name) {
    return name.contains(".lora_A.") || name.contains(".lora_B.");
  }

  /** A new weight; seeded per name, so adding adapters does not change the head's draw. */
  private static NDArray fresh(NDManager manager, String name, Shape shape, long seed) {
    Random random = new Random(seed * 31 + name.hashCode());
    float[] values = new float[Math.toIntExact(shape.size())];
    if (name.contains(".lora_B.") || name.endsWith("bias")) {
      return manager.create(values, shape);
    }
    // LoRA's A like PEFT (uniform, bound 1/sqrt(in)); every other weight like transformers.
    double bound = 1.0 / Math.sqrt(shape.get(1));
    for (int i = 0; i < values.length; i++) {
      values[i] = name.contains(".lora_A.")
          ? (float) ((random.nextDouble() * 2 - 1) * bound)
          : (float) (random.nextGaussian() * INIT_STD);
    }
    return manager.create(values, shape);
  }

  private static void set(BertClassifierBlock block, String name, NDArray array, Shape shape,
      Path file) throws IOException {
    if (!array.getShape().equals(shape)) {
      throw new IOException(file + ": tensor " + name + " has shape " + array.getShape()
          + ", config.json implies " + shape);
    }
    block.parametersByName().get(name).setArray(array);
  }

  private static Path tokenizerOf(Path folder) throws IOException {
    Path file = folder.resolve(BertFolder.TOKENIZER);
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no tokenizer");
    }
    return file;
  }
}
