package org.distill4j.neural.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.distill4j.neural.bert.BertConfig;
import org.distill4j.neural.bert.BertFolder;
import org.distill4j.neural.bert.BertWeights;

/**
 * Turns a BERT ONNX export (as Hugging Face's exporter writes it) into a Hugging Face folder.
 * Embeddings, biases and LayerNorms keep their names in the export; each Linear weight is an
 * anonymous {@code onnx::MatMul_N} initializer stored {@code [in, out]}, named here after the
 * MatMul node that consumes it ({@code /encoder/layer.0/attention/self/query/MatMul} gives
 * {@code encoder.layer.0.attention.self.query.weight}) and transposed back to {@code [out, in]}.
 *
 * <p>The head count is not in any tensor's shape: it is read from the constant the first
 * layer's attention scores are divided by, {@code sqrt(head size)}, unless the caller gives it.
 */
public final class OnnxBertImporter {
  /** The name of the model bundled in LangChain4j's embeddings jar. */
  public static final String BUILTIN = "all-minilm-l6-v2";

  private static final String BUILTIN_ONNX = "all-minilm-l6-v2.onnx";
  private static final String BUILTIN_TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  private static final String SCALING_NODE = "/encoder/layer.0/attention/self/Div";
  // A non-persistent buffer in Hugging Face (recomputed as 0..n-1), absent from their folders.
  private static final String POSITION_IDS = "embeddings.position_ids";

  private OnnxBertImporter() {}

  /** Imports the model inside LangChain4j's all-MiniLM-L6-v2 jar, read from the classpath. */
  public static BertConfig importBuiltin(Path out) throws IOException, OnnxFormatException {
    return importBytes(resource(BUILTIN_ONNX), "classpath:" + BUILTIN_ONNX,
        resource(BUILTIN_TOKENIZER), null, out);
  }

  /**
   * Imports {@code onnx} with {@code tokenizer} into {@code out} (created when missing).
   *
   * @param heads the attention head count, or null to read it from the graph
   * @throws OnnxFormatException naming the file and the tensor that does not map
   */
  public static BertConfig importFiles(Path onnx, Path tokenizer, Integer heads, Path out)
      throws IOException, OnnxFormatException {
    return importBytes(Files.readAllBytes(onnx), onnx.toString(), Files.readAllBytes(tokenizer),
        heads, out);
  }

  private static BertConfig importBytes(
      byte[] model, String source, byte[] tokenizer, Integer heads, Path out)
      throws IOException, OnnxFormatException {
    OnnxGraph graph;
    try {
      graph = OnnxGraph.parse(model);
    } catch (OnnxFormatException e) {
      throw new OnnxFormatException(source + ": " + e.getMessage());
    }
    Map<String, OnnxInitializer> weights = huggingFaceWeights(graph, source);
    int hidden = (int) dims(weights, "embeddings.word_embeddings.weight", source)[1];
    BertConfig config = inferConfig(weights,
        heads != null ? heads : headsFromGraph(graph, hidden, source), source);
    check(weights, config, source);
    Files.createDirectories(out);
    config.write(out);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList arrays = new NDList();
      for (String name : BertWeights.shapes(config).keySet()) {
        OnnxInitializer weight = weights.get(name);
        NDArray array = manager.create(weight.values(), new Shape(weight.dims()));
        array.setName(name);
        arrays.add(array);
      }
      BertFolder.writeWeights(arrays, out);
    }
    Files.write(out.resolve(BertFolder.TOKENIZER), tokenizer);
    return config;
  }

  /** Every float initializer under its Hugging Face name, Linear weights transposed. */
  static Map<String, OnnxInitializer> huggingFaceWeights(OnnxGraph graph, String source)
      throws OnnxFormatException {
    Map<String, String> matMulOf = new HashMap<>();
    for (OnnxNode node : graph.nodes()) {
      if (node.opType().equals("MatMul") && node.inputs().size() == 2) {
        matMulOf.put(node.inputs().get(1), node.name());
      }
    }
    Map<String, OnnxInitializer> named = new LinkedHashMap<>();
    for (OnnxInitializer init : graph.initializers()) {
      if (init.name().equals(POSITION_IDS)) {
        continue;
      }
      if (!init.isFloat()) {
        throw new OnnxFormatException(source + ": initializer " + init.name()
            + " has ONNX data type " + init.dataType() + ", not float32");
      }
      String node = matMulOf.get(init.name());
      if (node != null) {
        String name = linearName(node, init.name(), source);
        named.put(name, transposed(name, init, source));
      } else if (init.name().startsWith("onnx::")) {
        throw new OnnxFormatException(source + ": initializer " + init.name()
            + " has no Hugging Face name and is not the weight of a MatMul node");
      } else {
        named.put(init.name(), init);
      }
    }
    return named;
  }

  private static String linearName(String node, String tensor, String source)
      throws OnnxFormatException {
    if (!node.startsWith("/") || !node.endsWith("/MatMul")) {
      throw new OnnxFormatException(source + ": initializer " + tensor + " feeds MatMul node '"
          + node + "', not named /<module path>/MatMul");
    }
    return node.substring(1, node.length() - "/MatMul".length()).replace('/', '.') + ".weight";
  }

  private static OnnxInitializer transposed(String name, OnnxInitializer init, String source)
      throws OnnxFormatException {
    if (init.dims().length != 2) {
      throw new OnnxFormatException(source + ": MatMul weight " + init.name() + " (" + name
          + ") is not two-dimensional");
    }
    int rows = (int) init.dims()[0];
    int cols = (int) init.dims()[1];
    float[] in = init.values();
    float[] out = new float[in.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[c * rows + r] = in[r * cols + c];
      }
    }
    return new OnnxInitializer(name, new long[] {cols, rows}, init.dataType(), out);
  }

  private static BertConfig inferConfig(
      Map<String, OnnxInitializer> weights, int heads, String source)
      throws OnnxFormatException {
    long[] words = dims(weights, "embeddings.word_embeddings.weight", source);
    long[] positions = dims(weights, "embeddings.position_embeddings.weight", source);
    long[] types = dims(weights, "embeddings.token_type_embeddings.weight", source);
    long[] inner = dims(weights, "encoder.layer.0.intermediate.dense.weight", source);
    int layers = 0;
    while (weights.containsKey(BertWeights.layerPrefix(layers) + "output.dense.bias")) {
      layers++;
    }
    try {
      return new BertConfig((int) words[1], layers, heads, (int) inner[0], (int) words[0],
          (int) positions[0], (int) types[0], 1e-12, 0.1, 0.1);
    } catch (IllegalArgumentException e) {
      throw new OnnxFormatException(source + ": " + e.getMessage());
    }
  }

  /**
   * Hugging Face's BertSelfAttention divides the scores by {@code sqrt(head size)}; the export
   * keeps that divisor as a Constant feeding the first layer's Div node.
   */
  static int headsFromGraph(OnnxGraph graph, int hidden, String source)
      throws OnnxFormatException {
    java.util.Map<String, float[]> constants = new HashMap<>();
    for (OnnxNode node : graph.nodes()) {
      if (node.constant().length == 1 && node.outputs().size() == 1) {
        constants.put(node.outputs().get(0), node.constant());
      }
    }
    for (OnnxNode node : graph.nodes()) {
      if (node.name().equals(SCALING_NODE) && node.inputs().size() == 2) {
        float[] divisor = constants.get(node.inputs().get(1));
        long headSize = divisor == null ? 0 : Math.round((double) divisor[0] * divisor[0]);
        if (headSize > 0 && hidden % headSize == 0) {
          return (int) (hidden / headSize);
        }
      }
    }
    throw new OnnxFormatException(source + ": cannot tell the attention head count (no constant"
        + " sqrt(head size) divisor at node " + SCALING_NODE + "); give the head count");
  }

  private static long[] dims(Map<String, OnnxInitializer> weights, String name, String source)
      throws OnnxFormatException {
    OnnxInitializer weight = weights.get(name);
    if (weight == null) {
      throw new OnnxFormatException(source + ": no tensor " + name + ", not a BERT export");
    }
    return weight.dims();
  }

  private static void check(Map<String, OnnxInitializer> weights, BertConfig config, String source)
      throws OnnxFormatException {
    Map<String, Shape> expected = BertWeights.shapes(config);
    for (Map.Entry<String, Shape> weight : expected.entrySet()) {
      Shape found = new Shape(dims(weights, weight.getKey(), source));
      if (!found.equals(weight.getValue())) {
        throw new OnnxFormatException(source + ": tensor " + weight.getKey() + " has shape "
            + found + ", expected " + weight.getValue());
      }
    }
    for (String name : weights.keySet()) {
      if (!expected.containsKey(name)) {
        throw new OnnxFormatException(source + ": tensor " + name
            + " is not a weight of a BertModel without pooler");
      }
    }
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = OnnxBertImporter.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("classpath resource " + name
            + " not found (LangChain4j's all-MiniLM-L6-v2 embeddings jar is missing)");
      }
      return in.readAllBytes();
    }
  }
}
