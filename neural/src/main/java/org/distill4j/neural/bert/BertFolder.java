package org.distill4j.neural.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.distill4j.neural.Safetensors;

/**
 * The three files of a Hugging Face BERT folder and the weights file's reading and writing,
 * through {@link Safetensors}.
 */
public final class BertFolder {
  /** The weights, safetensors. */
  public static final String WEIGHTS = "model.safetensors";
  /** The tokenizer, Hugging Face tokenizers' JSON. */
  public static final String TOKENIZER = "tokenizer.json";

  private BertFolder() {}

  /** Writes {@code weights} (each array named with its Hugging Face name) into the folder. */
  public static void writeWeights(NDList weights, Path folder) throws IOException {
    Safetensors.write(weights, folder.resolve(WEIGHTS));
  }

  /**
   * Every tensor of the folder's weights file by name, unchecked, owned by {@code manager}.
   *
   * @throws IOException naming the file when it is missing or unreadable
   */
  public static Map<String, NDArray> readAll(NDManager manager, Path folder) throws IOException {
    Path file = folder.resolve(WEIGHTS);
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no weights file");
    }
    NDList arrays = Safetensors.read(manager, file);
    Map<String, NDArray> byName = new HashMap<>();
    for (NDArray array : arrays) {
      byName.put(array.getName(), array);
    }
    return byName;
  }

  /**
   * Reads the folder's weights and checks them against {@code config}: every expected name
   * present with its shape, nothing else.
   *
   * @return the arrays by name, owned by {@code manager}
   * @throws IOException naming the file and the first tensor that does not fit
   */
  public static Map<String, NDArray> readWeights(NDManager manager, Path folder, BertConfig config)
      throws IOException {
    Path file = folder.resolve(WEIGHTS);
    NDList arrays = Safetensors.read(manager, file);
    Map<String, NDArray> byName = new HashMap<>();
    for (NDArray array : arrays) {
      byName.put(array.getName(), array);
    }
    Map<String, Shape> expected = BertWeights.shapes(config);
    for (Map.Entry<String, Shape> weight : expected.entrySet()) {
      NDArray array = byName.get(weight.getKey());
      if (array == null) {
        throw new IOException(file + ": no tensor " + weight.getKey());
      }
      if (!array.getShape().equals(weight.getValue())) {
        throw new IOException(file + ": tensor " + weight.getKey() + " has shape "
            + array.getShape() + ", config.json implies " + weight.getValue());
      }
    }
    for (String name : byName.keySet()) {
      if (!expected.containsKey(name)) {
        throw new IOException(file + ": tensor " + name + " is not a weight of this BertModel");
      }
    }
    return byName;
  }
}
