package org.distill4j.filtering.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JudgeRubricTest {
  @TempDir Path dir;

  @Test
  void shippedRubricReadsSnakeCaseSampling() {
    JudgeRubric rubric = JudgeRubric.read(Path.of("../prompts/critics/llm-judge.yaml"));
    assertThat(rubric.samplingParameters()).isEqualTo(new Sampling(null, 0.0, null, 120, null));
  }

  @Test
  void samplingKeysAreSnakeCaseAndCheckedOnRead() throws Exception {
    Path file = dir.resolve("rubric.yaml");
    Files.writeString(file, "sampling:\n  top_p: 0.9\n  max_tokens: 50\nuser: \"{{text}}\"\n");
    assertThat(JudgeRubric.read(file).samplingParameters())
        .isEqualTo(new Sampling(null, null, 0.9, 50, null));

    Files.writeString(file, "sampling:\n  maxTokens: 50\nuser: \"{{text}}\"\n");
    assertThatThrownBy(() -> JudgeRubric.read(file)).isInstanceOf(InputException.class)
        .hasMessageContaining("rubric.yaml:").hasMessageContaining("\"maxTokens\"")
        .hasMessageEndingWith("expected one of logprobs, max_tokens, n, seed, temperature, top_p");

    Files.writeString(file, "sampling:\n  max_tokens: 0\nuser: \"{{text}}\"\n");
    assertThatThrownBy(() -> JudgeRubric.read(file)).isInstanceOf(InputException.class)
        .hasMessageContaining("rubric.yaml").hasMessageContaining("max_tokens");
  }
}
