package org.distill4j.neural.bert;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A BERT encoder loaded from a Hugging Face folder, giving mean-pooled, L2-normalised sentence
 * embeddings (the sentence-transformers recipe of all-MiniLM-L6-v2).
 *
 * <p>Tokenization is the folder's {@code tokenizer.json} with special tokens and no padding, as
 * LangChain4j's ONNX encoder uses it, so the file's own truncation applies (128 tokens for
 * all-MiniLM-L6-v2). A file without truncation gets its texts cut to the model's positions,
 * keeping the last token; LangChain4j would instead average 510-token pieces.
 */
public final class BertEncoder implements AutoCloseable {
  private final NDManager manager;
  private final BertBlock block;
  private final HuggingFaceTokenizer tokenizer;
  private final Path tokenizerFile;
  private final ParameterStore store;

  private BertEncoder(
      NDManager manager, BertBlock block, HuggingFaceTokenizer tokenizer, Path tokenizerFile) {
    this.manager = manager;
    this.block = block;
    this.tokenizer = tokenizer;
    this.tokenizerFile = tokenizerFile;
    this.store = new ParameterStore(manager, false);
  }

  /**
   * Loads {@code config.json}, {@code model.safetensors} and {@code tokenizer.json}.
   *
   * @throws IOException naming the file that is missing or does not fit
   */
  public static BertEncoder load(Path folder) throws IOException {
    BertConfig config = BertConfig.read(folder);
    Path tokenizerFile = folder.resolve(BertFolder.TOKENIZER);
    if (!Files.isRegularFile(tokenizerFile)) {
      throw new IOException(tokenizerFile + ": no tokenizer");
    }
    NDManager manager = NDManager.newBaseManager();
    try {
      BertBlock block = new BertBlock(config);
      Map<String, NDArray> weights = BertFolder.readWeights(manager, folder, config);
      for (Map.Entry<String, Parameter> parameter : block.parametersByName().entrySet()) {
        parameter.getValue().setArray(weights.get(parameter.getKey()));
      }
      HuggingFaceTokenizer tokenizer =
          HuggingFaceTokenizer.newInstance(tokenizerFile, Map.of("padding", "false"));
      return new BertEncoder(manager, block, tokenizer, tokenizerFile);
    } catch (IOException | RuntimeException e) {
      manager.close();
      throw e;
    }
  }

  /** The block, whose parameters a trainer may update. */
  public BertBlock block() {
    return block;
  }

  /** Writes the folder again: config, current weights, the tokenizer it was loaded with. */
  public void save(Path folder) throws IOException {
    Files.createDirectories(folder);
    block.config().write(folder);
    NDList weights = new NDList();
    for (Map.Entry<String, Parameter> parameter : block.parametersByName().entrySet()) {
      NDArray array = parameter.getValue().getArray();
      array.setName(parameter.getKey());
      weights.add(array);
    }
    BertFolder.writeWeights(weights, folder);
    Path target = folder.resolve(BertFolder.TOKENIZER);
    if (!Files.exists(target) || !Files.isSameFile(target, tokenizerFile)) {
      Files.copy(tokenizerFile, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Unit-length mean-pooled embeddings of {@code texts}, computed {@code batchSize} at a time;
   * padding never reaches the mean or the attention.
   */
  public float[][] embed(List<String> texts, int batchSize) {
    float[][] out = new float[texts.size()][];
    for (int start = 0; start < texts.size(); start += batchSize) {
      List<String> batch = texts.subList(start, Math.min(texts.size(), start + batchSize));
      float[][] vectors = embedBatch(batch);
      System.arraycopy(vectors, 0, out, start, vectors.length);
    }
    return out;
  }

  /**
   * The block's inputs for {@code texts}: token ids, token type ids and attention mask, each
   * {@code [texts, longest]} int64 in {@code scope}, shorter texts padded with id 0 and mask 0.
   */
  public NDList inputs(NDManager scope, List<String> texts) {
    List<long[][]> rows = new ArrayList<>();
    int width = 0;
    for (String text : texts) {
      long[][] row = tokens(text);
      rows.add(row);
      width = Math.max(width, row[0].length);
    }
    long[] ids = new long[texts.size() * width];
    long[] types = new long[ids.length];
    long[] mask = new long[ids.length];
    for (int i = 0; i < rows.size(); i++) {
      long[][] row = rows.get(i);
      System.arraycopy(row[0], 0, ids, i * width, row[0].length);
      System.arraycopy(row[1], 0, types, i * width, row[1].length);
      Arrays.fill(mask, i * width, i * width + row[0].length, 1L);
    }
    Shape shape = new Shape(texts.size(), width);
    return new NDList(scope.create(ids, shape), scope.create(types, shape),
        scope.create(mask, shape));
  }

  /**
   * Unit-length mean-pooled sentence vectors {@code [texts, hidden]} for {@code inputs} as
   * {@link #inputs} makes them; {@code training} lets gradients flow to the parameters.
   */
  public NDArray pooled(ParameterStore parameters, NDList inputs, boolean training) {
    NDArray hidden = block.forward(parameters, inputs, training).singletonOrThrow();
    NDArray weights = inputs.get(2).toType(DataType.FLOAT32, false).expandDims(2);
    NDArray mean = hidden.mul(weights).sum(new int[] {1})
        .div(weights.sum(new int[] {1}).maximum(1e-9f));
    return mean.div(mean.norm(new int[] {1}, true).maximum(1e-12f));
  }

  private float[][] embedBatch(List<String> batch) {
    try (NDManager scope = manager.newSubManager()) {
      float[] flat = pooled(store, inputs(scope, batch), false).toFloatArray();
      int dim = block.config().hiddenSize();
      float[][] vectors = new float[batch.size()][];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
      }
      return vectors;
    }
  }

  /** Token ids and type ids of one text, cut to the model's positions keeping the last token. */
  private long[][] tokens(String text) {
    Encoding encoding = tokenizer.encode(text, true, false);
    long[] ids = encoding.getIds();
    long[] types = encoding.getTypeIds();
    int max = block.config().maxPositionEmbeddings();
    if (ids.length > max) {
      long last = ids[ids.length - 1];
      ids = Arrays.copyOf(ids, max);
      ids[max - 1] = last;
      types = Arrays.copyOf(types, max);
    }
    return new long[][] {ids, types};
  }

  @Override
  public void close() {
    tokenizer.close();
    manager.close();
  }
}
