package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.distill4j.neural.Safetensors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A decoder folder's weights: one {@code model.safetensors}, or shards listed by
 * {@code model.safetensors.index.json}, read through {@link Safetensors}; written back as one
 * file.
 */
public final class WeightFiles {
  /** The single-file weights. */
  public static final String SINGLE = "model.safetensors";
  /** The index of sharded weights. */
  public static final String INDEX = "model.safetensors.index.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WeightFiles() {}

  /**
   * Every parameter of {@code config} by canonical name, float32, owned by {@code manager}; checks
   * that each is present with its shape and that nothing unknown is left.
   *
   * @throws IOException naming the file and the tensor that is missing or does not fit
   */
  public static Map<String, NDArray> read(NDManager manager, Path folder, DecoderConfig config)
      throws IOException {
    Map<String, Shape> expected = DecoderWeights.shapes(config);
    Map<String, NDArray> byName = new LinkedHashMap<>();
    Map<String, Path> origin = new LinkedHashMap<>();
    for (Path file : files(folder)) {
      for (NDArray array : Safetensors.read(manager, file)) {
        String name = DecoderWeights.canonical(config, array.getName());
        if (name == null) {
          array.close();
          continue;
        }
        if (!expected.containsKey(name)) {
          throw new IOException(file + ": tensor " + array.getName() + " is not a parameter of a "
              + config.source().path("model_type").asText() + " model with this config.json");
        }
        NDArray value = array.getDataType() == DataType.FLOAT32
            ? array : array.toType(DataType.FLOAT32, false);
        value.setName(name);
        byName.put(name, value);
        origin.put(name, file);
      }
    }
    for (Map.Entry<String, Shape> weight : expected.entrySet()) {
      NDArray array = byName.get(weight.getKey());
      if (array == null) {
        throw new IOException(folder + ": no tensor " + weight.getKey() + " in the weights");
      }
      if (!array.getShape().equals(weight.getValue())) {
        throw new IOException(origin.get(weight.getKey()) + ": tensor " + weight.getKey()
            + " has shape " + array.getShape() + ", config.json implies " + weight.getValue());
      }
    }
    return byName;
  }

  /** The weight files of a folder: the single file, or the shards its index names. */
  static Set<Path> files(Path folder) throws IOException {
    Path single = folder.resolve(SINGLE);
    if (Files.isRegularFile(single)) {
      return Set.of(single);
    }
    Path index = folder.resolve(INDEX);
    if (!Files.isRegularFile(index)) {
      String hint = Files.exists(folder.resolve("pytorch_model.bin"))
          ? "; pytorch_model.bin is not read: convert it to safetensors first" : "";
      throw new IOException(folder + ": neither " + SINGLE + " nor " + INDEX + hint);
    }
    JsonNode map;
    try {
      map = JSON.readTree(index.toFile()).path("weight_map");
    } catch (IOException e) {
      throw new IOException(index + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!map.isObject() || map.isEmpty()) {
      throw new IOException(index + ": no weight_map");
    }
    Set<Path> shards = new LinkedHashSet<>();
    for (JsonNode shard : map) {
      Path file = folder.resolve(shard.asText());
      if (!Files.isRegularFile(file)) {
        throw new IOException(index + ": names shard " + shard.asText() + ", which is missing");
      }
      shards.add(file);
    }
    return shards;
  }
}
