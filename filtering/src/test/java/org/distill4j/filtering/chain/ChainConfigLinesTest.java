package org.distill4j.filtering.chain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken chain file is reported at the line of the offending key, in the user's spelling. */
class ChainConfigLinesTest {
  private static final Path SHIPPED = Path.of("..", "pipelines", "filters", "commonsense.yaml");

  @TempDir Path dir;

  private Path replaced(String from, String to) throws Exception {
    String text = Files.readString(SHIPPED);
    if (!text.contains(from)) {
      throw new AssertionError(from + " is not in " + SHIPPED);
    }
    Path f = dir.resolve("chain.yaml");
    Files.writeString(f, text.replace(from, to));
    return f;
  }

  @Test
  void typosAtEveryDepthAreAtTheirOwnLine() throws Exception {
    record Case(String from, String to, String expected) {}
    for (Case c : List.of(
        new Case("filters:", "filtres:", ":2: unknown key \"filtres\"; expected one of batch_size,"
            + " filters"),
        new Case("    max_words: 12", "    max_wrods: 12", ":7: unknown key \"max_wrods\" in"
            + " filters[1]; expected one of max_chars, max_words, min_chars, min_words, name"),
        new Case("    threshold: 0.8", "    treshold: 0.8", ":16: unknown key \"treshold\" in"
            + " filters[6]; expected one of"),
        new Case("    max_overlap: 0.8", "    maxOverlap: 0.8", ":11: unknown key \"maxOverlap\""
            + " in filters[3] (keys are snake_case: \"max_overlap\"); expected one of"),
        new Case("  - type: kind", "  - type: knid", ":12: unknown type \"knid\" in filters[4];"
            + " expected one of"),
        new Case("    min_words: 1", "    min_words: one", ":6: \"filters[1].min_words\" must be"
            + " an integer, found \"one\""))) {
      Path f = replaced(c.from(), c.to());
      assertThatThrownBy(() -> ChainConfig.read(f)).as(c.to()).isInstanceOf(InputException.class)
          .message().startsWith(f + c.expected()).doesNotContain("java.", "`", "FilterSpec");
    }
  }

  @Test
  void anEmptyEntryInTheListIsBadInputNotACrash() throws Exception {
    Path f = dir.resolve("cut.yaml");
    Files.writeString(f, "filters:\n  - type: schema\n  -\n");
    assertThatThrownBy(() -> ChainConfig.read(f)).isInstanceOf(InputException.class)
        .message().startsWith(f + ":1: filter 2 of the \"filters\" list is empty")
        .contains("exact-dedup");
  }
}
