package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DistillCommandTest {
  @Test
  void helpTeachesThePipelineAndExitCodes() {
    CommandRun run = CommandRun.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: distill").contains("generate").contains("corpus")
        .contains("Exit status: 0 success, 1 failure, 2 bad input or usage");
  }

  @Test
  void versionNamesTheProjectAndJava() {
    CommandRun run = CommandRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("distill4j ").contains("Java 17");
  }

  @Test
  void usageErrorsExitTwoWithoutAStackTrace() {
    CommandRun run = CommandRun.of("corpus", "stats", "--no-such-flag", "x.jsonl");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option: '--no-such-flag'").doesNotContain("at org.");
    assertThat(CommandRun.of().exitCode()).isEqualTo(2);
  }
}
