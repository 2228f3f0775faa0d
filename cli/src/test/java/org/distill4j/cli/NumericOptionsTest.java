package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every numeric option refuses an out-of-range value with the option's own name and exit 2,
 * before the command touches anything.
 */
class NumericOptionsTest {
  @TempDir Path dir;

  private CommandRun run(List<String> base, String option, String value) {
    List<String> args = new ArrayList<>(base);
    args.add(option);
    args.add(value);
    return CommandRun.of(args.toArray(String[]::new));
  }

  @Test
  void outOfRangeValuesNameTheFlagAndExitTwo() throws Exception {
    Path recipe = Path.of("..", "prompts", "commonsense-atomic.yaml");
    Path seeds = dir.resolve("events.txt");
    Files.writeString(seeds, "PersonX eats\n");
    Path out = dir.resolve("out");
    List<String> generate = List.of("generate", "--recipe", recipe.toString(), "--seeds",
        seeds.toString(), "--field", "event=0", "--teacher", "openai", "--base-url",
        "http://127.0.0.1:9/v1", "--model", "m", "--out", out.toString());
    List<String> filter = List.of("filter", "--in", seeds.toString(), "--filters",
        seeds.toString(), "--out", out.toString());
    List<String> search = List.of("kb", "search", "--kb", out.toString(), "query");
    List<String> serve = List.of("kb", "serve", "--kb", out.toString());
    List<String> train = List.of("train", "--config", seeds.toString());
    record Case(List<String> base, String option, String value, String says) {}
    for (Case c : List.of(
        new Case(generate, "--limit", "-3", "must be 0 or more, found -3"),
        new Case(generate, "--rpm", "-5", "must be 0 or more, found -5"),
        new Case(generate, "--tpm", "NaN", "must be a finite number, found NaN"),
        new Case(generate, "--timeout", "-1", "must be above 0, found -1"),
        new Case(generate, "--concurrency", "0", "must be at least 1, found 0"),
        new Case(generate, "--samples", "0", "must be at least 1, found 0"),
        new Case(generate, "--max-attempts", "x", "must be a whole number, found 'x'"),
        new Case(filter, "--batch-size", "-1", "must be at least 1, found -1"),
        new Case(search, "-k", "0", "must be at least 1, found 0"),
        new Case(serve, "--port", "70000", "must be a port from 0 to 65535, found 70000"),
        new Case(serve, "--timeout", "0", "must be at least 1, found 0"),
        new Case(train, "--epochs", "-2", "must be at least 1, found -2"))) {
      CommandRun r = run(c.base(), c.option(), c.value());
      assertThat(r.exitCode()).as(c.option() + " " + c.value() + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().lines().findFirst().orElse("")).as(c.option())
          .isEqualTo("error: Invalid value for option '" + c.option() + "': " + c.says());
      assertThat(r.err()).doesNotContain("timeout_seconds", "Exception", "\tat ");
      assertThat(out).doesNotExist();
    }
  }
}
