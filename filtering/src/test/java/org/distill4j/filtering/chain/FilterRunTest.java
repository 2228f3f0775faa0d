package org.distill4j.filtering.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.distill4j.filtering.Fixtures.rationale;
import static org.distill4j.filtering.Fixtures.triple;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.stage.Stage;

class FilterRunTest {
  @TempDir Path dir;

  private static final List<String> ABC = List.of("park", "train station", "bank");

  private Path corpus() {
    Path in = Fixtures.write(dir.resolve("in.jsonl"), List.of(
        triple("PersonX eats", "xIntent", "to be full").withExternalId("u-1"),
        triple("PersonX eats", "xIntent", "To be full."),           // exact duplicate
        triple("PersonX eats", "xAttr", "someone who is always hungry"), // xAttr too long
        triple("PersonX eats", "xAttr", "hungry"),
        rationale("Where do bums sleep?", ABC, "Bums sleep outdoors.", "(b)", "t", 0)
            .withExternalId("u-5"),
        rationale("Where do bums sleep?", ABC, "Stations are warm.", "train station", "t", 1),
        rationale("Where do bums sleep?", ABC, "Banks have roofs.", "(c)", "t", 2)));
    Fixtures.append(in, "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"PersonX\"}}");
    return in;
  }

  @Test
  void chainWritesKeptRejectedInvalidAndFunnel() throws Exception {
    Path yaml = dir.resolve("chain.yaml");
    Files.writeString(yaml, """
        batch_size: 2
        filters:
          - type: kind
          - type: exact-dedup
          - type: self-consistency
            min_agreement: 0.6
          - type: length
            max_words: 20
        """);
    ChainConfig config = ChainConfig.read(yaml);
    Funnel f = new FilterRun(config.stages(dir).stages(), config.batchSizeOrDefault())
        .run(corpus(), dir.resolve("out"));

    assertThat(f.input()).isEqualTo(8);
    assertThat(f.invalidLines()).isEqualTo(1);
    assertThat(f.kept()).isEqualTo(4);
    assertThat(f.rejected()).isEqualTo(3);

    List<CorpusRecord> kept = Fixtures.read(dir.resolve("out/kept.jsonl"));
    assertThat(kept).hasSize(4);
    // The user's ids stay on kept records, also where a stage rewrote the content (new id).
    assertThat(kept).extracting(CorpusRecord::externalId).contains("u-1", "u-5");
    assertThat(kept.get(0).verdicts()).extracting(Verdict::filter)
        .containsExactly("kind", "exact-dedup", "self-consistency", "length");
    assertThat(kept.stream().filter(r -> r.scores().containsKey("self-consistency")))
        .allMatch(r -> Math.abs(r.scores().get("self-consistency") - 2 / 3.0) < 1e-9);

    List<CorpusRecord> rejected = Fixtures.read(dir.resolve("out/rejected.jsonl"));
    assertThat(rejected).extracting(r -> r.rejection().filter())
        .containsExactlyInAnyOrder("kind", "exact-dedup", "self-consistency");
    assertThat(rejected).extracting(r -> r.rejection().reason())
        .anyMatch(r -> r.startsWith("exact duplicate of " + kept.get(0).id()))
        .anyMatch(r -> r.contains("disagrees with the majority \"train station\" (2 of 3"));

    JsonNode funnel = CorpusJson.json().readTree(dir.resolve("out/funnel.json").toFile());
    JsonNode kind = funnel.get("stages").get(0);
    assertThat(kind.get("in").asLong()).isEqualTo(7);
    assertThat(kind.get("out").asLong()).isEqualTo(6);
    assertThat(kind.at("/byRelation/xAttr/in").asLong()).isEqualTo(2);
    assertThat(kind.at("/byRelation/xAttr/out").asLong()).isEqualTo(1);
    assertThat(funnel.get("stages").get(2).get("wholeCorpus").asBoolean()).isTrue();
    assertThat(funnel.at("/stages/2/byKind/rationale/out").asLong()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("out/invalid.jsonl"))).contains("in.jsonl")
        .contains("\"line\":8");
    try (var files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kept.jsonl", "rejected.jsonl", "invalid.jsonl",
              "funnel.json", "diversity.json");
    }
  }

  @Test
  void wholeCorpusStageFirstAndNoStagesBothAccountForEveryLine() {
    Path in = corpus();
    Funnel first = new FilterRun(List.of(new Stage.WholeCorpus("sc", "self-consistency",
        new org.distill4j.filtering.rationale.SelfConsistencyCritic(0.5, 0))), 3)
        .run(in, dir.resolve("a"));
    assertThat(first.invalidLines()).isEqualTo(1);
    assertThat(first.kept() + first.rejected()).isEqualTo(7);
    assertThat(first.rejected()).isEqualTo(1);
    Funnel none = new FilterRun(List.of(), 3).run(in, dir.resolve("b"));
    assertThat(none.kept()).isEqualTo(7);
  }

  @Test
  void exampleChainFileParses() {
    ChainConfig c = ChainConfig.read(Path.of("examples/filters.yaml"));
    assertThat(c.filters()).hasSize(11);
    assertThat(c.filters().get(8)).isEqualTo(new FilterSpec.RationaleSplit(null, false));
    assertThat(c.filters().get(6)).isEqualTo(new FilterSpec.NearDedup(null, 0.8, 2, 8, 4));
    assertThat(c.filters().get(1)).isEqualTo(new FilterSpec.Length(null, 1, 40, 2, 300));
    assertThat(c.batchSize()).isEqualTo(256);
  }

  @Test
  void everySnakeCaseKeyReachesItsSetting() throws Exception {
    Path yaml = dir.resolve("snake.yaml");
    Files.writeString(yaml, """
        batch_size: 7
        filters:
          - type: schema
            require_provenance: [teacher]
          - type: length
            min_words: 2
            max_words: 9
            min_chars: 3
            max_chars: 80
          - type: copy
            max_overlap: 0.5
          - type: kind
            max_attribute_words: 4
          - type: near-dedup
            shingle_words: 3
          - type: answer-check
            gold: gold.jsonl
            require_gold: true
          - type: self-consistency
            min_agreement: 0.7
            min_teacher_agreement: 0.4
        """);
    ChainConfig c = ChainConfig.read(yaml);
    assertThat(c.batchSizeOrDefault()).isEqualTo(7);
    assertThat(c.filters()).containsExactly(
        new FilterSpec.Schema(null, null, null, List.of("teacher")),
        new FilterSpec.Length(null, 2, 9, 3, 80),
        new FilterSpec.Copy(null, 0.5),
        new FilterSpec.Kind(null, 4),
        new FilterSpec.NearDedup(null, null, 3, null, null),
        new FilterSpec.AnswerCheck(null, "gold.jsonl", true),
        new FilterSpec.SelfConsistency(null, 0.7, 0.4, null));
  }

  @Test
  void camelCaseKeysAreUnknownAndTheErrorListsTheSnakeCaseOnes() throws Exception {
    Path yaml = dir.resolve("camel.yaml");
    for (String entry : List.of("type: length\n    maxWords: 3",
        "type: self-consistency\n    minAgreement: 0.5", "type: copy\n    maxOverlap: 0.5")) {
      Files.writeString(yaml, "filters:\n  - " + entry + "\n");
      String key = entry.substring(entry.indexOf('\n') + 5, entry.lastIndexOf(':'));
      assertThatThrownBy(() -> ChainConfig.read(yaml)).isInstanceOf(InputException.class)
          .hasMessageContaining("camel.yaml:").hasMessageContaining("\"" + key + "\"")
          .hasMessageContaining("keys are snake_case");
    }
    assertThatThrownBy(() -> ChainConfig.read(yaml))
        .hasMessageEndingWith("expected one of max_overlap, name");
    Files.writeString(yaml, "batchSize: 4\nfilters:\n  - type: exact-dedup\n");
    assertThatThrownBy(() -> ChainConfig.read(yaml)).isInstanceOf(InputException.class)
        .hasMessageContaining("camel.yaml:").hasMessageContaining("\"batchSize\"")
        .hasMessageEndingWith("expected one of batch_size, filters");
  }

  @Test
  void badValuesAreReportedByTheirSnakeCaseKeys() throws Exception {
    Path yaml = dir.resolve("values.yaml");
    List<List<String>> cases = List.of(
        List.of("type: length\n    min_words: 5\n    max_words: 2", "min_words"),
        List.of("type: copy\n    max_overlap: 1.5", "max_overlap"),
        List.of("type: kind\n    max_attribute_words: 0", "max_attribute_words"),
        List.of("type: near-dedup\n    shingle_words: 0", "shingle_words"),
        List.of("type: self-consistency\n    min_teacher_agreement: 2", "min_teacher_agreement"));
    for (List<String> c : cases) {
      Files.writeString(yaml, "filters:\n  - " + c.get(0) + "\n");
      ChainConfig config = ChainConfig.read(yaml);
      assertThatThrownBy(() -> config.stages(dir)).isInstanceOf(InputException.class)
          .hasMessageContaining(c.get(1));
    }
    Files.writeString(yaml, "batch_size: 0\nfilters:\n  - type: exact-dedup\n");
    assertThatThrownBy(() -> ChainConfig.read(yaml)).isInstanceOf(InputException.class)
        .hasMessageContaining("values.yaml").hasMessageContaining("\"batch_size\"");
  }

  @Test
  void badChainFileNamesFileAndLine() throws Exception {
    Path yaml = dir.resolve("bad.yaml");
    Files.writeString(yaml, """
        filters:
          - type: length
            max_wrods: 3
        """);
    assertThatThrownBy(() -> ChainConfig.read(yaml)).isInstanceOf(InputException.class)
        .hasMessageContaining("bad.yaml:").hasMessageContaining("max_wrods")
        .hasMessageContaining("expected one of max_chars, max_words, min_chars, min_words, name");
    Files.writeString(yaml, """
        filters:
          - type: lenght
        """);
    assertThatThrownBy(() -> ChainConfig.read(yaml)).isInstanceOf(InputException.class)
        .hasMessageStartingWith(yaml + ":2: unknown type \"lenght\" in filters[0]; expected one of schema, length,");
  }

  @Test
  void aStageThatFailsMidRunLeavesTheEarlierOutputsAsTheyWere() throws Exception {
    Path out = dir.resolve("out");
    Stage keepAll = new Stage.Streaming("all", "test", Critic.perRecord(r -> Assessment.keep()));
    new FilterRun(List.of(keepAll), 2).run(corpus(), out);
    java.util.Map<String, byte[]> bytes = new java.util.TreeMap<>();
    try (var files = Files.list(out)) {
      for (Path p : files.toList()) {
        bytes.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    int[] batches = {0};
    Stage failsOnSecondBatch = new Stage.Streaming("flaky", "test", batch -> {
      if (++batches[0] == 2) {
        throw new IllegalStateException("critic crashed");
      }
      return batch.stream().map(r -> Assessment.reject("no")).toList();
    });
    assertThatThrownBy(() -> new FilterRun(List.of(failsOnSecondBatch), 2).run(corpus(), out))
        .hasMessageContaining("critic crashed");
    try (var files = Files.list(out)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrderElementsOf(
          bytes.keySet());
    }
    for (var e : bytes.entrySet()) {
      assertThat(Files.readAllBytes(out.resolve(e.getKey()))).as(e.getKey())
          .isEqualTo(e.getValue());
    }
  }

  @Test
  void stagingLeftByAKilledRunIsRemovedAndNeverSwappedIn() throws Exception {
    Path out = dir.resolve("out");
    Path stale = out.resolve(".staging-123");
    Files.createDirectories(stale);
    Files.writeString(stale.resolve("kept.jsonl"), "half a line");
    Stage keepAll = new Stage.Streaming("all", "test", Critic.perRecord(r -> Assessment.keep()));
    Funnel f = new FilterRun(List.of(keepAll), 2).run(corpus(), out);
    assertThat(stale).doesNotExist();
    assertThat(Fixtures.read(out.resolve("kept.jsonl"))).hasSize((int) f.kept());
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(FilterRun.OUTPUTS);
    }
  }
}
