package org.distill4j.neural.bert;

import ai.djl.Device;
import ai.djl.engine.Engine;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.distill4j.neural.device.CastingParameterStore;

/**
 * A BERT-family cross-encoder with a classification or multiple-choice head: made from a
 * pretrained encoder folder with a fresh head, or loaded from a folder it saved, and saved in the
 * Hugging Face layout transformers' {@code BertForSequenceClassification} /
 * {@code BertForMultipleChoice} read (adapters merged into the weights).
 *
 * <p>Texts are tokenized by the folder's {@code tokenizer.json} with special tokens, cut to
 * {@code maxTokens} by shortening the longer segment first, and padded per batch only to the
 * batch's longest row.
 */
public final class BertClassifier implements AutoCloseable, org.distill4j.neural.Tunable {
  private final NDManager manager;
  private final BertClassifierBlock block;
  private final HuggingFaceTokenizer tokenizer;
  private final Path tokenizerFile;
  private final int maxTokens;
  private final ParameterStore inference;
  /** The number format of {@link #logits}; the parameters themselves stay float32. */
  private DataType scoring = DataType.FLOAT32;
  /** Token ids and type ids by input: every epoch and every dev pass tokenizes the same texts. */
  private final Map<TextPair, long[][]> tokens = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<TextPair, long[][]> eldest) {
      return size() > TOKEN_CACHE;
    }
  };
  private static final int TOKEN_CACHE = 200_000;

  BertClassifier(NDManager manager, BertClassifierBlock block, Path tokenizerFile, int maxTokens)
      throws IOException {
    this.manager = manager;
    this.block = block;
    this.tokenizerFile = tokenizerFile;
    this.maxTokens = Math.min(maxTokens, block.body().config().maxPositionEmbeddings());
    this.tokenizer = HuggingFaceTokenizer.builder()
        .optTokenizerPath(tokenizerFile)
        .optAddSpecialTokens(true)
        .optTruncation(true)
        .optMaxLength(this.maxTokens)
        .optPadding(false)
        .build();
    this.inference = new ParameterStore(manager, false);
  }

  /**
   * A classifier on the encoder in {@code base} (a {@code BertModel} folder such as
   * {@code distill model import-onnx} writes, or a folder this class saved) with a new head:
   * pooler taken from the base when it has one, head and adapters initialised from {@code seed}.
   *
   * @throws IOException naming the file and tensor that is missing or does not fit
   */
  public static BertClassifier create(Path base, BertHead head, LoraSettings lora, int maxTokens,
      long seed) throws IOException {
    return create(base, head, lora, maxTokens, seed, Engine.getInstance().defaultDevice());
  }

  /** As {@link #create(Path, BertHead, LoraSettings, int, long)}, the weights on {@code device}. */
  public static BertClassifier create(Path base, BertHead head, LoraSettings lora, int maxTokens,
      long seed, Device device) throws IOException {
    return ClassifierFolder.create(base, head, lora, maxTokens, seed, device);
  }

  /**
   * Loads a folder {@link #save} wrote onto the engine's default device (the first GPU when a
   * CUDA build sees one); {@code maxTokens} cuts inputs as in training.
   */
  public static BertClassifier load(Path folder, int maxTokens) throws IOException {
    return load(folder, maxTokens, Engine.getInstance().defaultDevice());
  }

  /** As {@link #load(Path, int)}, the weights on {@code device}. */
  public static BertClassifier load(Path folder, int maxTokens, Device device)
      throws IOException {
    return ClassifierFolder.load(folder, maxTokens, device);
  }

  /** The network, whose parameters a trainer updates. */
  public BertClassifierBlock block() {
    return block;
  }

  /** The head. */
  public BertHead head() {
    return block.head();
  }

  /** The longest input in tokens, special tokens included. */
  public int maxTokens() {
    return maxTokens;
  }

  /** The manager that owns the parameters; its device is where the model computes. */
  @Override
  public NDManager manager() {
    return manager;
  }

  /**
   * Sets the number format of {@link #logits} (scoring, evaluation, dev scores): float32, or fp16
   * with the float32 weights cast as each layer reads them. Training ({@link #forward}) always
   * computes in float32; see {@code Precision} for why.
   */
  public void setScoringType(DataType type) {
    if (type != DataType.FLOAT32 && type != DataType.FLOAT16) {
      throw new IllegalArgumentException("scoring type must be float32 or fp16, not " + type);
    }
    this.scoring = type;
  }

  /** The number format of {@link #logits}. */
  public DataType scoringType() {
    return scoring;
  }

  /**
   * Saves config.json (with the head's architecture and labels), model.safetensors (adapters
   * merged) and tokenizer.json.
   */
  public void save(Path folder) throws IOException {
    ClassifierFolder.save(this, folder);
    Path target = folder.resolve(BertFolder.TOKENIZER);
    if (!Files.exists(target) || !Files.isSameFile(target, tokenizerFile)) {
      Files.copy(tokenizerFile, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Token counts of {@code texts} after truncation, for batching by length. */
  public int[] lengths(List<TextPair> texts) {
    int[] out = new int[texts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = encode(texts.get(i))[0].length;
    }
    return out;
  }

  /** Ids, type ids and mask {@code [texts, longest]} int64 in {@code scope}, padded with 0. */
  public NDList inputs(NDManager scope, List<TextPair> texts) {
    List<long[][]> encodings = new ArrayList<>(texts.size());
    int width = 1;
    for (TextPair text : texts) {
      long[][] encoding = encode(text);
      encodings.add(encoding);
      width = Math.max(width, encoding[0].length);
    }
    long[] ids = new long[texts.size() * width];
    long[] types = new long[ids.length];
    long[] mask = new long[ids.length];
    for (int i = 0; i < encodings.size(); i++) {
      long[] row = encodings.get(i)[0];
      System.arraycopy(row, 0, ids, i * width, row.length);
      long[] rowTypes = encodings.get(i)[1];
      System.arraycopy(rowTypes, 0, types, i * width, rowTypes.length);
      Arrays.fill(mask, i * width, i * width + row.length, 1L);
    }
    Shape shape = new Shape(texts.size(), width);
    return new NDList(scope.create(ids, shape), scope.create(types, shape),
        scope.create(mask, shape));
  }

  /**
   * Logits {@code [texts][outputs]} without dropout, {@code batchSize} rows at a time; rows are
   * batched in length order so padding stays small, and returned in input order.
   */
  public float[][] logits(List<TextPair> texts, int batchSize) {
    int[] lengths = lengths(texts);
    Integer[] order = new Integer[texts.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> lengths[i]));
    float[][] out = new float[texts.size()][];
    int width = block.head().outputs();
    for (int start = 0; start < order.length; start += batchSize) {
      int end = Math.min(order.length, start + batchSize);
      List<TextPair> batch = new ArrayList<>(end - start);
      for (int k = start; k < end; k++) {
        batch.add(texts.get(order[k]));
      }
      try (NDManager scope = manager.newSubManager()) {
        float[] flat = scoring == DataType.FLOAT32
            ? forward(inference, inputs(scope, batch), false).toFloatArray()
            // fp16 logits go back to float32 on the device: one copy per batch.
            : forward(new CastingParameterStore(inference, scoring, scope),
                inputs(scope, batch), false).toType(DataType.FLOAT32, false).toFloatArray();
        for (int k = start; k < end; k++) {
          int row = k - start;
          out[order[k]] = Arrays.copyOfRange(flat, row * width, (row + 1) * width);
        }
      }
    }
    return out;
  }

  /** The logits {@code [rows, outputs]} of {@code inputs}; {@code training} adds dropout. */
  public NDArray forward(ParameterStore store, NDList inputs, boolean training) {
    return block.forward(store, inputs, training).singletonOrThrow();
  }

  /** Everything, or with adapters the adapters, the pooler and the classifier. */
  @Override
  public Map<String, Parameter> trainable() {
    boolean adapters = block.body().lora() != null;
    Map<String, Parameter> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Parameter> entry : parameters().entrySet()) {
      String name = entry.getKey();
      boolean head = !name.startsWith(BertClassifierBlock.BODY) || name.startsWith("bert.pooler");
      if (!adapters || head || name.contains(".lora_")) {
        out.put(name, entry.getValue());
      }
    }
    return out;
  }

  @Override
  public int depth() {
    return block.body().config().numHiddenLayers();
  }

  @Override
  public boolean frozenBelow(String name, int layers) {
    if (name.startsWith("bert.embeddings.")) {
      return true;
    }
    for (int layer = 0; layer < layers; layer++) {
      if (name.startsWith("bert.encoder.layer." + layer + ".")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String describe() {
    return "head=" + head() + " lora=" + block.body().lora();
  }

  /** The parameters by full name (adapters under their own names, not merged). */
  @Override
  public Map<String, Parameter> parameters() {
    return block.parametersByName();
  }

  /** Ids and type ids of {@code text}, truncated; the cache is shared by training threads. */
  private long[][] encode(TextPair text) {
    synchronized (tokens) {
      long[][] cached = tokens.get(text);
      if (cached != null) {
        return cached;
      }
    }
    Encoding encoding = text.paired()
        ? tokenizer.encode(text.first(), text.second(), true, false)
        : tokenizer.encode(text.first(), true, false);
    long[][] encoded = {encoding.getIds(), encoding.getTypeIds()};
    synchronized (tokens) {
      tokens.put(text, encoded);
    }
    return encoded;
  }

  @Override
  public void close() {
    tokenizer.close();
    manager.close();
  }
}
