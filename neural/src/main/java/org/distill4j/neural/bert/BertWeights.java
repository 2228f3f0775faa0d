package org.distill4j.neural.bert;

import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names and shapes of a {@code BertModel}'s weights as Hugging Face stores them (Linear
 * weights as {@code [out, in]}), without the pooler: sentence embeddings are mean-pooled.
 */
public final class BertWeights {
  private BertWeights() {}

  /** Every weight of a model with {@code config}, in Hugging Face's order. */
  public static Map<String, Shape> shapes(BertConfig config) {
    int h = config.hiddenSize();
    int i = config.intermediateSize();
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("embeddings.word_embeddings.weight", new Shape(config.vocabSize(), h));
    shapes.put("embeddings.position_embeddings.weight",
        new Shape(config.maxPositionEmbeddings(), h));
    shapes.put("embeddings.token_type_embeddings.weight", new Shape(config.typeVocabSize(), h));
    layerNorm(shapes, "embeddings.LayerNorm", h);
    for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
      String prefix = layerPrefix(layer);
      linear(shapes, prefix + "attention.self.query", h, h);
      linear(shapes, prefix + "attention.self.key", h, h);
      linear(shapes, prefix + "attention.self.value", h, h);
      linear(shapes, prefix + "attention.output.dense", h, h);
      layerNorm(shapes, prefix + "attention.output.LayerNorm", h);
      linear(shapes, prefix + "intermediate.dense", h, i);
      linear(shapes, prefix + "output.dense", i, h);
      layerNorm(shapes, prefix + "output.LayerNorm", h);
    }
    return shapes;
  }

  /** The name prefix of layer {@code layer}'s weights, ending in a dot. */
  public static String layerPrefix(int layer) {
    return "encoder.layer." + layer + ".";
  }

  private static void linear(Map<String, Shape> shapes, String name, int in, int out) {
    shapes.put(name + ".weight", new Shape(out, in));
    shapes.put(name + ".bias", new Shape(out));
  }

  private static void layerNorm(Map<String, Shape> shapes, String name, int width) {
    shapes.put(name + ".weight", new Shape(width));
    shapes.put(name + ".bias", new Shape(width));
  }
}
