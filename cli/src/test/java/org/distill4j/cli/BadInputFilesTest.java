package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undecodable bytes, empty files and missing columns, as a user meets them at the command line. */
class BadInputFilesTest {
  private static final Path ROOT = Path.of("..");
  private static final String CLOSED = "http://127.0.0.1:9/v1";

  @TempDir Path dir;

  /** {@code lines} copies of {@code line}, the {@code bad}-th with a Latin-1 byte in it. */
  private Path withBadByte(String name, String line, int lines, int bad) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i <= lines; i++) {
      out.writeBytes(line.replace("N", Integer.toString(i)).getBytes(StandardCharsets.UTF_8));
      if (i == bad) {
        out.write(0xe9);
      }
      out.write('\n');
    }
    Path f = dir.resolve(name);
    Files.write(f, out.toByteArray());
    return f;
  }

  private CommandRun generate(Path recipe, Path seeds, String... more) {
    String[] base = {"generate", "--recipe", recipe.toString(), "--seeds", seeds.toString(),
        "--teacher", "openai", "--base-url", CLOSED, "--model", "m", "--out",
        dir.resolve("out").toString()};
    String[] args = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CommandRun.of(args);
  }

  @Test
  void aSeedLineThatIsNotUtf8IsOneUnusableSeedNotACrash() throws Exception {
    Path seeds = withBadByte("events.txt", "PersonX eats meal N", 3000, 2999);
    CommandRun run = generate(ROOT.resolve("prompts/commonsense-atomic.yaml"), seeds,
        "--field", "event=0", "--dry-run");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("dry run: 2999 seeds (1 unusable)");
  }

  @Test
  void aCorpusLineThatIsNotUtf8IsReportedAtItsLineAndTheRestIsChecked() throws Exception {
    Path corpus = withBadByte("c.jsonl", "{\"knowledge\":{\"kind\":\"qa\",\"question\":\"QN?\","
        + "\"answer\":\"A\"}}", 4000, 3999);
    CommandRun run = CommandRun.of("corpus", "validate", corpus.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).isEqualTo(corpus + ":3999: bytes that are not UTF-8 at column 61; save"
        + " the file as UTF-8\n");
    assertThat(run.out()).contains("3999 valid record(s), 1 bad line(s)");
  }

  @Test
  void emptySeedsAndCorporaAreBadInput() throws Exception {
    Path seeds = Files.writeString(dir.resolve("empty.txt"), "\n\n");
    CommandRun gen = generate(ROOT.resolve("prompts/commonsense-atomic.yaml"), seeds,
        "--field", "event=0");
    assertThat(gen.exitCode()).isEqualTo(2);
    assertThat(gen.err()).startsWith("error: " + seeds + ": no seeds in " + seeds);
    Path corpus = Files.writeString(dir.resolve("empty.jsonl"), "");
    CommandRun filter = CommandRun.of("filter", "--in", corpus.toString(), "--filters",
        ROOT.resolve("pipelines/filters/commonsense.yaml").toString(), "--out",
        dir.resolve("out").toString());
    assertThat(filter.exitCode()).isEqualTo(2);
    assertThat(filter.err()).startsWith("error: " + corpus + ": no records in " + corpus);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aTableWithoutTheRecipesColumnIsRefusedBeforeAnyRequest() throws Exception {
    Path pairs = Files.writeString(dir.resolve("pairs.csv"),
        "category,entity1,entity_two\nmetal,steel,foam\n");
    // The teacher is unreachable: had the seeds been accepted, the exit would be 1.
    CommandRun run = generate(ROOT.resolve("prompts/comparatives.yaml"), pairs);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).startsWith("error: " + pairs + ":1: the recipe needs the seed field"
        + " \"entity2\", but the seeds have [category, entity1, entity_two]; map a column to it"
        + " with --field entity2=COLUMN");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
