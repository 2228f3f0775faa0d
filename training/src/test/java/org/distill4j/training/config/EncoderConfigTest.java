package org.distill4j.training.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code student: encoder} needs a base; its settings default as documented. */
class EncoderConfigTest {
  @TempDir Path dir;

  private StudentConfig read(String... lines) throws Exception {
    return StudentConfig.read(Files.writeString(dir.resolve("e.yaml"),
        String.join("\n", lines) + "\n"));
  }

  @Test
  void defaultsIncludeTheEncodersOwnLearningRate() throws Exception {
    StudentConfig c = read("student: encoder", "base: minilm", "train: a.jsonl", "out: run");
    assertThat(c.student()).isEqualTo(StudentType.ENCODER);
    assertThat(c.base()).isEqualTo(dir.resolve("minilm"));
    assertThat(c.learningRate()).isEqualTo(3e-5);
    assertThat(c.encoder()).isEqualTo(EncoderSettings.defaults());
    assertThat(c.encoder().maxTokens()).isEqualTo(128);
    assertThat(c.encoder().warmupFraction()).isEqualTo(0.1);
    assertThat(c.encoder().weightDecay()).isEqualTo(0.01);
    assertThat(c.encoder().accumulation()).isEqualTo(1);
    assertThat(c.encoder().clipNorm()).isEqualTo(1.0);
    assertThat(c.encoder().lora()).isNull();
    assertThat(c.encoder().balanced()).isFalse();
    assertThat(c.encoder().precision()).isEqualTo("auto");
    assertThat(c.withEpochs(2).base()).isEqualTo(c.base());
    assertThat(read("student: scorer", "train: a.jsonl", "out: run").learningRate())
        .isEqualTo(1e-3);
    assertThat(read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "learning_rate: 0.0001").learningRate()).isEqualTo(1e-4);
  }

  @Test
  void loraTakesTwiceTheRankAsAlphaUnlessGiven() throws Exception {
    StudentConfig c = read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder: {lora: {rank: 4}, class_weights: balanced}");
    assertThat(c.encoder().lora()).isEqualTo(new EncoderSettings.Lora(4, 8.0));
    assertThat(c.encoder().balanced()).isTrue();
  }

  @Test
  void errorsNameTheFieldAtItsLine() throws Exception {
    assertThatThrownBy(() -> read("student: encoder", "train: a.jsonl", "out: run"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("e.yaml")
        .hasMessageContaining("field \"base\" is missing")
        .hasMessageContaining("distill model import-onnx --builtin all-minilm-l6-v2 --out DIR");
    assertThatThrownBy(() -> read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder:", "  max_tokens: 2"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("field \"encoder.max_tokens\" must be at least 8, found 2");
    assertThatThrownBy(() -> read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder: {class_weights: inverse}"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("\"encoder.class_weights\" must be none or balanced");
    assertThatThrownBy(() -> read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder: {lora: {alpha: 16}}"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("\"encoder.lora.rank\" is missing");
    assertThatThrownBy(() -> read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder: {precision: bf16}"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("\"encoder.precision\" precision bf16 is not available");
    assertThatThrownBy(() -> read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder: {precision: half}"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("\"encoder.precision\" precision must be auto, float32 or fp16");
    assertThat(read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder: {precision: FP16}").encoder().precision()).isEqualTo("FP16");
    assertThatThrownBy(() -> read("student: encoder", "base: m", "train: a.jsonl", "out: run",
        "encoder: {warmup: 0.2}"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("warmup");
  }
}
