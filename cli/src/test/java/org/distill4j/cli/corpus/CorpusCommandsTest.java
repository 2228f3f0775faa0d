package org.distill4j.cli.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.io.CorpusJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusCommandsTest {
  @TempDir Path dir;

  private static final String T1 = "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"PersonX runs\","
      + "\"relation\":\"xNeed\",\"tail\":\"shoes\"}}";
  private static final String T2 = "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"PersonX runs\","
      + "\"relation\":\"xAttr\",\"tail\":\"fit\"}}";
  private static final String C1 = "{\"knowledge\":{\"kind\":\"comparative\",\"subject\":\"steel\","
      + "\"adjective\":\"heavier\",\"object\":\"styrofoam\"}}";

  private Path corpus(String name, String... lines) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void validateReportsEveryBrokenLineByNumberAndExitsTwo() throws Exception {
    Path f = corpus("c.jsonl", T1, "{\"knowledge\":{\"kind\":\"triple\"", T2,
        "{\"knowledge\":{\"kind\":\"qa\",\"question\":\"q\"}}", C1, "not json at all", T1);
    CommandRun run = CommandRun.of("corpus", "validate", f.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(3);
    assertThat(run.err()).contains(f + ":2: ").contains(f + ":4: in \"knowledge\": field"
        + " \"answer\" is missing").contains(f + ":6: invalid JSON");
    assertThat(run.out()).contains("4 valid record(s), 3 bad line(s)");
  }

  @Test
  void validateExitsZeroOnACleanFile() throws Exception {
    Path f = corpus("ok.jsonl", T1, T2, C1);
    CommandRun run = CommandRun.of("corpus", "validate", f.toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validateOfAMissingFileExitsTwoAndNamesIt() {
    CommandRun run = CommandRun.of("corpus", "validate", dir.resolve("nope.jsonl").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.jsonl: file not found");
  }

  @Test
  void statsCountsKindsRelationsAndDuplicates() throws Exception {
    Path f = corpus("s.jsonl", T1, T2, C1, T1, "{broken");
    CommandRun run = CommandRun.of("corpus", "stats", f.toString(), "--json");
    assertThat(run.exitCode()).isZero();
    JsonNode s = CorpusJson.json().readTree(run.out());
    assertThat(s.get("records").asLong()).isEqualTo(4);
    assertThat(s.get("distinct").asLong()).isEqualTo(3);
    assertThat(s.get("duplicates").asLong()).isEqualTo(1);
    assertThat(s.get("badLines").asLong()).isEqualTo(1);
    assertThat(s.at("/perKind/triple").asLong()).isEqualTo(3);
    assertThat(s.at("/perRelation/triple/xNeed").asLong()).isEqualTo(2);
    assertThat(s.at("/perRelation/comparative/heavier").asLong()).isEqualTo(1);
    // The longest text is the xAttr triple rendered with its gloss.
    assertThat(s.at("/lengthWords/max").asInt()).isEqualTo(
        "PersonX runs so PersonX is seen as fit".split(" ").length);
    assertThat(s.at("/lengthWords/min").asInt()).isEqualTo(
        "steel is heavier than styrofoam".split(" ").length);

    CommandRun table = CommandRun.of("corpus", "stats", f.toString());
    assertThat(table.out()).contains("records      4 (3 distinct, 1 duplicate)")
        .contains("xNeed");
  }

  @Test
  void theShippedExampleCorpusIsValid() {
    Path example = Path.of("..", "corpora", "examples", "mixed.jsonl");
    CommandRun run = CommandRun.of("corpus", "validate", example.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }
}
