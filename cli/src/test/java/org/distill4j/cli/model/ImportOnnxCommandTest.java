package org.distill4j.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill model import-onnx} as a user runs it. */
class ImportOnnxCommandTest {
  @TempDir Path dir;

  @Test
  void theBuiltinModelBecomesAHuggingFaceFolder() throws Exception {
    Path out = dir.resolve("minilm");

    CommandRun run = CommandRun.of("model", "import-onnx", "--builtin", "all-minilm-l6-v2",
        "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("6 layers", "hidden 384", "12 heads");
    assertThat(out.resolve("model.safetensors")).isNotEmptyFile();
    assertThat(out.resolve("tokenizer.json")).isNotEmptyFile();
    JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
    assertThat(config.get("architectures").get(0).asText()).isEqualTo("BertModel");
    assertThat(config.get("num_hidden_layers").asInt()).isEqualTo(6);
    assertThat(config.get("num_attention_heads").asInt()).isEqualTo(12);
    assertThat(config.get("intermediate_size").asInt()).isEqualTo(1536);
    assertThat(config.get("vocab_size").asInt()).isEqualTo(30522);
  }

  @Test
  void aFileThatIsNoOnnxModelIsBadInputNamedInTheMessage() throws Exception {
    Path onnx = Files.writeString(dir.resolve("notes.onnx"), "not a model at all");
    Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), "{}");

    CommandRun run = CommandRun.of("model", "import-onnx", "--onnx", onnx.toString(),
        "--tokenizer", tokenizer.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("notes.onnx");
  }

  @Test
  void aMissingFileIsBadInputNamedInTheMessage() throws Exception {
    Path tokenizer = Files.writeString(dir.resolve("tokenizer.json"), "{}");

    CommandRun run = CommandRun.of("model", "import-onnx", "--onnx",
        dir.resolve("absent.onnx").toString(), "--tokenizer", tokenizer.toString(),
        "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("absent.onnx");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void neitherOrBothSourcesIsAUsageError() {
    CommandRun neither = CommandRun.of("model", "import-onnx", "--out", dir.toString());
    CommandRun unknown = CommandRun.of("model", "import-onnx", "--builtin", "gpt-9",
        "--out", dir.toString());

    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("--builtin", "--onnx");
    CommandRun both = CommandRun.of("model", "import-onnx", "--builtin", "all-minilm-l6-v2",
        "--heads", "6", "--out", dir.toString());

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--heads");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("gpt-9", "all-minilm-l6-v2");
  }

  @Test
  void helpTeachesBothWaysIn() {
    CommandRun help = CommandRun.of("model", "import-onnx", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--builtin", "--onnx", "--tokenizer", "--heads",
        "Exit status", "distill model import-onnx --builtin all-minilm-l6-v2");
  }
}
