package org.distill4j.neural.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.distill4j.neural.tune.AdamW;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoders against references computed independently in plain PyTorch by
 * {@code neural/src/test/python/decoder_fixtures.py} (see the fixtures' README).
 */
class DecoderReferenceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Path fixture(String name) throws Exception {
    return Paths.get(DecoderReferenceTest.class.getResource("/decoder/" + name + "/config.json")
        .toURI()).getParent();
  }

  static JsonNode reference(String name) throws Exception {
    return JSON.readTree(fixture(name).resolve("reference.json").toFile());
  }

  static long[][] ids(JsonNode rows) {
    long[][] out = new long[rows.size()][];
    for (int r = 0; r < out.length; r++) {
      JsonNode row = rows.get(r);
      out[r] = new long[row.size()];
      for (int t = 0; t < out[r].length; t++) {
        out[r][t] = row.get(t).asLong();
      }
    }
    return out;
  }

  static float[] flat(JsonNode node) {
    java.util.List<Float> values = new java.util.ArrayList<>();
    collect(node, values);
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }

  private static void collect(JsonNode node, java.util.List<Float> into) {
    if (node.isArray()) {
      node.forEach(child -> collect(child, into));
    } else {
      into.add((float) node.asDouble());
    }
  }

  /** llama-bf16 holds bfloat16 weights, which DJL's PyTorch engine cannot hold unwidened. */
  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "llama-linear", "llama-bf16", "qwen2"})
  void logitsEqualTheReference(String name) throws Exception {
    JsonNode reference = reference(name);
    try (DecoderLm model = DecoderLm.load(fixture(name), null, Device.cpu(), 0)) {
      float[] logits = model.logits(ids(reference.get("input_ids")));
      float[] expected = flat(reference.get("logits"));
      assertThat(logits).hasSameSizeAs(expected);
      for (int i = 0; i < expected.length; i++) {
        assertThat(logits[i]).as("logit %d", i).isCloseTo(expected[i], within(1e-4f));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama", "llama-linear"})
  void rotaryFrequenciesFollowTheScaling(String name) throws Exception {
    DecoderConfig config = DecoderConfig.read(fixture(name));
    double[] inverse = config.ropeScaling().inverseFrequencies(config.headDim(),
        config.ropeTheta());
    float[] expected = flat(reference(name).get("rope_inv_freq"));
    for (int i = 0; i < expected.length; i++) {
      assertThat(inverse[i]).isCloseTo(expected[i], within(1e-6 * Math.abs(expected[i]) + 1e-9));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void paddedRowsMatchOnTheirRealTokens(String name) throws Exception {
    JsonNode padded = reference(name).get("padded");
    long[][] ids = ids(padded.get("input_ids"));
    long[][] mask = ids(padded.get("attention_mask"));
    float[] expected = flat(padded.get("logits"));
    try (DecoderLm model = DecoderLm.load(fixture(name), null, Device.cpu(), 0);
        NDManager scope = model.manager().newSubManager()) {
      int rows = ids.length;
      int width = ids[0].length;
      long[] flatIds = new long[rows * width];
      long[] positions = new long[flatIds.length];
      float[] flatMask = new float[flatIds.length];
      for (int r = 0; r < rows; r++) {
        for (int t = 0; t < width; t++) {
          flatIds[r * width + t] = ids[r][t];
          positions[r * width + t] = t;
          flatMask[r * width + t] = mask[r][t];
        }
      }
      Shape shape = new Shape(rows, width);
      DecoderInput input = new DecoderInput(scope.create(flatIds, shape),
          scope.create(positions, shape), scope.create(flatMask, shape), null);
      float[] logits = model.block().forward(model.inferenceStore(), input, null, false)
          .toFloatArray();
      int vocab = model.config().vocabSize();
      for (int i = 0; i < expected.length; i++) {
        int position = i / vocab;
        if (flatMask[position] == 1f) {
          assertThat(logits[i]).as("logit %d", i).isCloseTo(expected[i], within(1e-4f));
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "llama-linear", "llama-bf16", "qwen2"})
  void cachedAndUncachedGreedyDecodingEqualTheReference(String name) throws Exception {
    JsonNode greedy = reference(name).get("greedy");
    long[] prompt = ids(greedy.get("prompt_ids"))[0];
    long[] expected = ids(JSON.createArrayNode().add(greedy.get("new_token_ids")))[0];
    try (DecoderLm model = DecoderLm.load(fixture(name), null, Device.cpu(), 0)) {
      Generator generator = new Generator(model);
      assertThat(generator.generateUncached(prompt, expected.length)).containsExactly(expected);
      assertThat(generator.generate(prompt, GenerationSettings.greedy(expected.length, Set.of())))
          .containsExactly(expected);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void oneTrainingStepMatchesTorch(String name) throws Exception {
    Path folder = fixture(name);
    JsonNode step = reference(name).get("train_step");
    long[][] ids = ids(step.get("labels"));
    try (DecoderLm model = DecoderLm.load(folder, null, Device.cpu(), 0)) {
      Map<String, Parameter> parameters = new LinkedHashMap<>(model.block().parametersByName());
      parameters.values().forEach(p -> p.getArray().setRequiresGradient(true));
      ParameterStore store = new ParameterStore(model.manager(), false);
      float loss;
      try (NDManager scope = model.manager().newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray logits = model.block().forward(store, inputs(scope, ids), null, false);
        NDArray value = nextTokenLoss(logits, scope.create(ids2d(ids), new Shape(ids.length,
            ids[0].length)));
        collector.backward(value);
        loss = value.getFloat();
      }
      assertThat(loss).isCloseTo((float) step.get("loss").asDouble(), within(1e-4f));
      DecoderConfig config = model.config();
      Map<String, NDArray> grads = tensors(model.manager(), folder.resolve("grads.safetensors"),
          config);
      for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
        assertClose(p.getValue().getArray().getGradient(), grads.get(p.getKey()), 1e-4f,
            "gradient of " + p.getKey());
      }
      new AdamW(parameters, 0.0, 0, model.manager()).step(1e-3);
      Map<String, NDArray> after = tensors(model.manager(),
          folder.resolve("after_step.safetensors"), config);
      for (Map.Entry<String, Parameter> p : parameters.entrySet()) {
        assertStepped(p.getValue().getArray(), after.get(p.getKey()), grads.get(p.getKey()),
            p.getKey());
      }
    }
  }

  static DecoderInput inputs(NDManager scope, long[][] ids) {
    int rows = ids.length;
    int width = ids[0].length;
    long[] positions = new long[rows * width];
    float[] mask = new float[positions.length];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i % width;
      mask[i] = 1f;
    }
    Shape shape = new Shape(rows, width);
    return new DecoderInput(scope.create(ids2d(ids), shape), scope.create(positions, shape),
        scope.create(mask, shape), null);
  }

  static long[] ids2d(long[][] ids) {
    return java.util.Arrays.stream(ids).flatMapToLong(java.util.Arrays::stream).toArray();
  }

  /** Mean cross-entropy of logits[:, :-1] against ids[:, 1:], as the reference computes it. */
  static NDArray nextTokenLoss(NDArray logits, NDArray ids) {
    long width = ids.getShape().get(1);
    NDArray predicted = logits.get(":, :" + (width - 1) + ", :").logSoftmax(-1);
    NDArray targets = ids.get(":, 1:");
    int vocab = (int) logits.getShape().get(2);
    return predicted.mul(targets.oneHot(vocab)).sum(new int[] {-1}).mean().neg();
  }

  private static Map<String, NDArray> tensors(NDManager manager, Path file,
      DecoderConfig config) throws Exception {
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (NDArray array : NDList.decode(manager, in)) {
        out.put(DecoderWeights.canonical(config, array.getName()), array);
      }
    }
    return out;
  }

  /**
   * The weights after the step, except where the true gradient is zero: GPT-2's key bias cannot
   * change attention (softmax ignores a constant added to every score), so its gradient is
   * rounding noise whose sign Adam's first step turns into a full ±lr move in either engine.
   */
  private static void assertStepped(NDArray actual, NDArray expected, NDArray grads,
      String what) {
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    float[] g = grads.toFloatArray();
    int compared = 0;
    for (int i = 0; i < e.length; i++) {
      if (Math.abs(g[i]) > 1e-6f) {
        compared++;
        assertThat(a[i]).as(what + "[" + i + "]")
            .isCloseTo(e[i], within(2e-5f * Math.max(1f, Math.abs(e[i]))));
      }
    }
    assertThat(compared).as(what + ": entries with a real gradient").isPositive();
  }

  private static void assertClose(NDArray actual, NDArray expected, float tolerance,
      String what) {
    assertThat(expected).as("reference for " + what).isNotNull();
    float[] a = actual.toFloatArray();
    float[] e = expected.toFloatArray();
    assertThat(a).as(what).hasSameSizeAs(e);
    for (int i = 0; i < e.length; i++) {
      assertThat(a[i]).as(what + "[" + i + "]")
          .isCloseTo(e[i], within(tolerance * Math.max(1f, Math.abs(e[i]))));
    }
  }
}
