package org.distill4j.filtering.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainThresholdsTest {
  @TempDir Path dir;

  @Test
  void reportsTheThresholdsTheChainSetsUnderTheStageAndScoreName() throws Exception {
    Path chain = dir.resolve("c.yaml");
    Files.writeString(chain, """
        filters:
          - type: length
          - type: copy
            max_overlap: 0.7
          - type: near-dedup
          - type: semantic-dedup
            name: paraphrase
            threshold: 0.93
        """);
    assertThat(ChainConfig.read(chain).thresholds())
        .containsExactly(java.util.Map.entry("copy", 0.7), java.util.Map.entry("paraphrase",
            0.93));
  }
}
