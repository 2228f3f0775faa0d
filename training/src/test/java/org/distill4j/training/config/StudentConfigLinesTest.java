package org.distill4j.training.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken student config is reported at the line of the offending key, as the user wrote it. */
class StudentConfigLinesTest {
  private static final Path SHIPPED = Path.of("..", "pipelines", "students",
      "generative-small.yaml");

  @TempDir Path dir;

  @Test
  void typosAndBadValuesAreAtTheirOwnLine() throws Exception {
    record Case(String from, String to, String expected) {}
    for (Case c : List.of(
        new Case("epochs: 8", "epochz: 8", ":6: unknown key \"epochz\"; expected one of"),
        new Case("max_length: 64", "maxLength: 64", ":13: unknown key \"maxLength\" in model"
            + " (keys are snake_case: \"max_length\"); expected one of dropout, embedding,"),
        new Case("max_new_tokens: 24", "max_new_token: 24", ":14: unknown key \"max_new_token\""
            + " in evaluation; expected one of limit, max_new_tokens"),
        new Case("from_epoch: 6", "from_epoc: 6", ":10: unknown key \"from_epoc\" in"
            + " learning_rate_decay; expected one of"),
        new Case("batch_size: 16", "batch_size: sixteen", ":7: \"batch_size\" must be an"
            + " integer, found \"sixteen\""),
        new Case("patience: 3", "patience: -1", ":11: field \"patience\" must be >= 0"))) {
      String text = Files.readString(SHIPPED);
      if (!text.contains(c.from())) {
        throw new AssertionError(c.from() + " is not in " + SHIPPED);
      }
      Path f = dir.resolve("s.yaml");
      Files.writeString(f, text.replace(c.from(), c.to()));
      assertThatThrownBy(() -> StudentConfig.read(f)).as(c.to())
          .isInstanceOf(InputException.class).message().startsWith(f + c.expected())
          .doesNotContain("java.", "`", "StudentConfig");
    }
  }
}
