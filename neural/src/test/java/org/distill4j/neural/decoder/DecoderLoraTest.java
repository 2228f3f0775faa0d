package org.distill4j.neural.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecoderLoraTest {
  @TempDir Path dir;

  private static final long[][] IDS = {{5, 17, 33, 8, 41, 12}, {60, 2, 9, 77, 15, 30}};

  static DecoderLora loraFor(String name) {
    return name.equals("gpt2")
        ? new DecoderLora(4, 8, 0.0, List.of("c_attn", "c_proj", "c_fc"))
        : new DecoderLora(4, 8, 0.0, List.of("q_proj", "v_proj", "o_proj", "down_proj"));
  }

  /** Gives every adapter B random values, as training would, so the adapters change outputs. */
  static void train(DecoderLm model) {
    Random random = new Random(7);
    for (Map.Entry<String, Parameter> p : model.block().parametersByName().entrySet()) {
      if (p.getKey().endsWith("lora_B.weight")) {
        NDArray b = p.getValue().getArray();
        float[] values = new float[(int) b.getShape().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) random.nextGaussian() * 0.3f;
        }
        org.distill4j.neural.InPlace.copy(model.manager().create(values, b.getShape()), b);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpt2", "llama", "qwen2"})
  void freshAdaptersLeaveTheBaseUnchangedAndSavesReproduceTrainedOnes(String name)
      throws Exception {
    Path base = DecoderReferenceTest.fixture(name);
    try (DecoderLm plain = DecoderLm.load(base, null, Device.cpu(), 0);
        DecoderLm adapted = DecoderLm.load(base, loraFor(name), Device.cpu(), 3)) {
      assertThat(adapted.logits(IDS)).containsExactly(plain.logits(IDS));
      train(adapted);
      float[] expected = adapted.logits(IDS);
      assertThat(maxDifference(expected, plain.logits(IDS))).isGreaterThan(0.05f);

      DecoderFolder.saveMerged(adapted, dir.resolve("merged"));
      try (DecoderLm merged = DecoderLm.load(dir.resolve("merged"), null, Device.cpu(), 0)) {
        assertThat(maxDifference(merged.logits(IDS), expected)).isLessThan(1e-4f);
      }
      DecoderFolder.savePeft(adapted, dir.resolve("peft"), base.toString());
      try (DecoderLm reloaded = DecoderLm.loadWithAdapter(base, dir.resolve("peft"),
          Device.cpu())) {
        assertThat(reloaded.logits(IDS)).containsExactly(expected);
      }
    }
  }

  @Test
  void thePeftFolderCarriesPeftsNamesAndSettings() throws Exception {
    Path base = DecoderReferenceTest.fixture("llama");
    try (DecoderLm adapted = DecoderLm.load(base, loraFor("llama"), Device.cpu(), 3)) {
      DecoderFolder.savePeft(adapted, dir, "HuggingFaceTB/SmolLM2-135M");
    }
    JsonNode config = new ObjectMapper().readTree(dir.resolve("adapter_config.json").toFile());
    assertThat(config.path("peft_type").asText()).isEqualTo("LORA");
    assertThat(config.path("task_type").asText()).isEqualTo("CAUSAL_LM");
    assertThat(config.path("r").asInt()).isEqualTo(4);
    assertThat(config.path("lora_alpha").asDouble()).isEqualTo(8.0);
    assertThat(config.path("target_modules").toString()).contains("q_proj", "down_proj");
    try (var manager = ai.djl.ndarray.NDManager.newBaseManager();
        var in = java.nio.file.Files.newInputStream(dir.resolve("adapter_model.safetensors"))) {
      var names = ai.djl.ndarray.NDList.decode(manager, in).stream().map(NDArray::getName)
          .toList();
      assertThat(names).contains(
          "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
          "base_model.model.model.layers.1.mlp.down_proj.lora_B.weight");
      assertThat(names).hasSize(2 * 2 * 4);
    }
    assertThat(dir.resolve("tokenizer.json")).exists();
  }

  @Test
  void anUnknownTargetIsRefusedWithTheKnownOnes() {
    Path base;
    try {
      base = DecoderReferenceTest.fixture("gpt2");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThatThrownBy(() -> DecoderLm.load(base, new DecoderLora(2, 4, 0, List.of("q_proj")),
        Device.cpu(), 0))
        .hasMessageContaining("config.json")
        .hasMessageContaining("unknown lora target module \"q_proj\" for gpt2")
        .hasMessageContaining("c_attn, c_fc, c_proj");
  }

  static float maxDifference(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
