package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeacherConfigTest {
  @TempDir Path dir;

  @Test
  void yamlThenFlagOverridesAndDefaults() throws IOException {
    Path f = dir.resolve("teacher.yaml");
    Files.writeString(f, "provider: openai\nmodel: gpt-4o-mini\napi_key_env: MY_KEY\ntimeout_seconds: 20\n");
    TeacherConfig c = TeacherConfig.load(f).withOverrides(null, "other-model", "http://localhost:8000/v1", null, null);
    assertThat(c.model()).isEqualTo("other-model");
    assertThat(c.effectiveBaseUrl()).isEqualTo("http://localhost:8000/v1");
    assertThat(c.effectiveKeyEnv()).isEqualTo("MY_KEY");
    assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(TeacherConfig.empty().withOverrides("ollama", "m", null, null, null).effectiveBaseUrl())
        .isEqualTo("http://localhost:11434");
  }

  @Test
  void serialisedConfigHoldsTheVariableNameOnly() throws IOException {
    TeacherConfig c = new TeacherConfig("anthropic", "claude", null, "ANTHROPIC_KEY", null);
    String json = CorpusJson.json().writeValueAsString(c);
    assertThat(json).contains("ANTHROPIC_KEY").doesNotContain("sk-");
    assertThatThrownBy(() -> new ChatModelFactory(env -> null).teacher(c))
        .isInstanceOf(InputException.class).hasMessageContaining("ANTHROPIC_KEY");
  }

  @Test
  void typosAndUnknownProvidersAreInputErrors() throws IOException {
    Path f = dir.resolve("t.yaml");
    Files.writeString(f, "provider: openai\nmodle: x\n");
    assertThatThrownBy(() -> TeacherConfig.load(f)).isInstanceOf(InputException.class)
        .hasMessageContaining("t.yaml:").hasMessageContaining("modle");
    assertThatThrownBy(() -> new TeacherConfig("vllm", "m", null, null, null).providerKind())
        .isInstanceOf(InputException.class).hasMessageContaining("openai, ollama, anthropic, gemini");
  }
}
