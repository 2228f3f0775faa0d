package org.distill4j.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.distill4j.neural.bert.BertConfig;
import org.distill4j.neural.bert.BertFolder;
import org.distill4j.neural.bert.BertWeights;

/**
 * A small random BERT folder (2 layers, hidden 32) with the real all-MiniLM-L6-v2 tokenizer from
 * LangChain4j's jar: a {@code base} for encoder students that trains in seconds. A copy of
 * neural's test fixture of the same name (test trees do not share classes).
 */
final class TinyBert {
  private TinyBert() {}

  /** Writes the folder; {@code dropout} goes into config.json for both probabilities. */
  static Path write(Path folder, long seed, double dropout) throws IOException {
    BertConfig config = new BertConfig(32, 2, 4, 64, 30522, 128, 2, 1e-12, dropout, dropout);
    Files.createDirectories(folder);
    config.write(folder);
    Random random = new Random(seed);
    try (NDManager manager = NDManager.newBaseManager()) {
      NDList weights = new NDList();
      for (Map.Entry<String, Shape> weight : BertWeights.shapes(config).entrySet()) {
        float[] values = new float[Math.toIntExact(weight.getValue().size())];
        boolean norm = weight.getKey().contains("LayerNorm");
        for (int i = 0; i < values.length; i++) {
          values[i] = norm && weight.getKey().endsWith("weight")
              ? 1f : (float) (random.nextGaussian() * 0.05);
        }
        NDArray array = manager.create(values, weight.getValue());
        array.setName(weight.getKey());
        weights.add(array);
      }
      BertFolder.writeWeights(weights, folder);
    }
    try (InputStream in = TinyBert.class.getClassLoader()
        .getResourceAsStream("all-minilm-l6-v2-tokenizer.json")) {
      Files.write(folder.resolve(BertFolder.TOKENIZER), in.readAllBytes());
    }
    return folder;
  }
}
