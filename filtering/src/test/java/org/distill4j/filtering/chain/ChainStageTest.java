package org.distill4j.filtering.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.rules.LengthCritic;
import org.distill4j.filtering.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One stage of a chain built alone, as a worker running that stage builds it. */
class ChainStageTest {
  @TempDir Path dir;

  @Test
  void buildsOneStageWithoutLoadingTheOthers() throws Exception {
    Path file = dir.resolve("chain.yaml");
    Files.writeString(file, """
        filters:
          - type: classifier
            model: no-such-critic
          - type: length
            name: short
            max_words: 9
        """);
    ChainConfig config = ChainConfig.read(file);
    // The whole chain cannot be built: the classifier's folder is missing.
    assertThatThrownBy(() -> config.stages(dir)).isInstanceOf(InputException.class)
        .hasMessageContaining("no-such-critic");

    try (ChainConfig.Chain one = config.stage(dir, 1)) {
      assertThat(one.stages()).hasSize(1);
      Stage s = one.stages().get(0);
      assertThat(s.name()).isEqualTo("short");
      assertThat(s.type()).isEqualTo("length");
      assertThat(((Stage.Streaming) s).critic()).isInstanceOf(LengthCritic.class);
    }
    assertThatThrownBy(() -> config.stage(dir, 0)).isInstanceOf(InputException.class)
        .hasMessageContaining("no-such-critic");
  }
}
