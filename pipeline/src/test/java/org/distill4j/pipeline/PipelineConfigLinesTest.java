package org.distill4j.pipeline;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken pipeline file is reported at the line of the offending key, in the user's spelling. */
class PipelineConfigLinesTest {
  private static final Path SHIPPED = Path.of("..", "pipelines", "commonsense.yaml");

  @TempDir Path dir;

  @Test
  void typosAndBadValuesAreAtTheirOwnLine() throws Exception {
    record Case(String from, String to, String expected) {}
    for (Case c : List.of(
        new Case("run_dir:", "rundir:", ":10: unknown key \"rundir\"; expected one of filter,"),
        new Case("  timeout_seconds: 120", "  timeout_secs: 120", ":15: unknown key"
            + " \"timeout_secs\" in teacher; expected one of"),
        new Case("  concurrency: 4", "  concurency: 4", ":20: unknown key \"concurency\" in"
            + " generate; expected one of batch, batch_poll_seconds, concurrency, fields, limit,"
            + " max_cost, recipe, rpm, samples, seeds, tokenizer"),
        new Case("  concurrency: 4", "  concurrency: four", ":20: \"generate.concurrency\" must"
            + " be an integer, found \"four\""),
        new Case("  concurrency: 4", "  concurrency: 0", ":20: field \"generate.concurrency\""
            + " must be at least 1"),
        new Case("prices: prices/local.yaml", "prices: [prices/local.yaml]", ":28: \"prices\""),
        new Case("  concurrency: 4", "  concurrency: 4\n  max_cost: 0", ":21: field"
            + " \"generate.max_cost\" must be an amount above 0, found 0.0"),
        new Case("  provider: ollama", "  provider: olama", ":12: teacher.provider: "),
        new Case("  model: llama3.2\n", "", ":11: field \"teacher.model\" is missing"),
        new Case("  provider: ollama\n", "", ":11: field \"teacher.provider\" is missing"),
        new Case("  vectors: false", "  vectors: [no]", ":24: \"kb.vectors\" must be true or"
            + " false, found a list"))) {
      String text = Files.readString(SHIPPED);
      if (!text.contains(c.from())) {
        throw new AssertionError(c.from() + " is not in " + SHIPPED);
      }
      Path f = dir.resolve("p.yaml");
      Files.writeString(f, text.replace(c.from(), c.to()));
      assertThatThrownBy(() -> PipelineConfig.read(f)).as(c.to())
          .isInstanceOf(InputException.class).message().startsWith(f + c.expected())
          .doesNotContain("java.", "`", "PipelineConfig");
    }
  }
}
