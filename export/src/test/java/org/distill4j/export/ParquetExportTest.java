package org.distill4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.distill4j.core.io.InputException;
import org.distill4j.core.knowledge.KnowledgeKind;
import org.distill4j.export.staging.TargetExistsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetExportTest {
  @TempDir Path dir;

  private ExportReport export(Path corpus, String out) {
    return CorpusExport.run(ExportSettings.builder(corpus, ExportFormat.PARQUET, dir.resolve(out))
        .build());
  }

  @Test
  void runsWithoutHadoopOnTheClassPath() {
    // The pom drops hadoop-common from the test class path; every test here writes without it.
    assertThatThrownBy(() -> Class.forName("org.apache.hadoop.conf.Configuration"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void aTripleTableReadsBackTypedInDuckDb() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("kept.jsonl"), Fixtures.generatedTriple(),
        Fixtures.importedTriple());
    ExportReport report = export(corpus, "triples.parquet");
    Path file = dir.resolve("triples.parquet");
    assertThat(report.files()).singleElement().satisfies(f -> assertThat(f.rows()).isEqualTo(2));
    assertThat(Duck.columns(file)).containsExactly(
        entry("id", "VARCHAR"), entry("external_id", "VARCHAR"), entry("kind", "VARCHAR"),
        entry("head", "VARCHAR"), entry("relation", "VARCHAR"), entry("tail", "VARCHAR"),
        entry("run_id", "VARCHAR"), entry("source", "VARCHAR"),
        entry("teacher_provider", "VARCHAR"), entry("teacher_model", "VARCHAR"),
        entry("recipe_id", "VARCHAR"), entry("recipe_version", "VARCHAR"),
        entry("recipe_hash", "VARCHAR"), entry("request_hash", "VARCHAR"),
        entry("sample_index", "INTEGER"), entry("created_at", "TIMESTAMP WITH TIME ZONE"),
        entry("seed_id", "VARCHAR"), entry("sampling_n", "INTEGER"),
        entry("sampling_temperature", "DOUBLE"), entry("sampling_top_p", "DOUBLE"),
        entry("sampling_max_tokens", "INTEGER"), entry("sampling_seed", "BIGINT"),
        entry("kept", "BOOLEAN"), entry("rejected_by", "VARCHAR"),
        entry("rejection_reason", "VARCHAR"), entry("verdict_rules", "VARCHAR"),
        entry("verdict_near_dedup", "VARCHAR"), entry("score_critic", "DOUBLE"),
        entry("score_judge_score", "DOUBLE"));

    List<List<Object>> rows = Duck.rows("SELECT id, external_id, head, tail, teacher_model,"
        + " sample_index, created_at, sampling_seed, kept, rejected_by, rejection_reason,"
        + " verdict_near_dedup, score_critic, score_judge_score, source FROM read_parquet('"
        + file + "') ORDER BY external_id NULLS LAST");
    assertThat(rows.get(0)).containsExactly(Fixtures.generatedTriple().id(), "row-17",
        "PersonX pays the bill", "to be generous", "gpt-4o-mini", 2,
        rows.get(0).get(6), 17L, true, null, null, "kept", 0.83, 4.0, null);
    assertThat(((OffsetDateTime) rows.get(0).get(6)).toInstant()).isEqualTo(Fixtures.CREATED);
    assertThat(rows.get(1)).containsExactly(Fixtures.importedTriple().id(), null,
        "PersonX mange une crème brûlée 🍮", "satisfait — ravi", null, null, null, null, false,
        "near-dedup", "near duplicate of 3f2a (jaccard 0.91)", "rejected", null, null,
        "atomic2019");
  }

  @Test
  void rationaleListsKeepTheirOrderAndAnEmptyListStaysEmpty() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("r.jsonl"), Fixtures.rationale(),
        Fixtures.openRationale());
    export(corpus, "r.parquet");
    Path file = dir.resolve("r.parquet");
    assertThat(Duck.columns(file)).containsEntry("choices", "VARCHAR[]")
        .containsEntry("steps", "VARCHAR[]");
    List<List<Object>> rows = Duck.rows("SELECT question, choices, steps, answer FROM"
        + " read_parquet('" + file + "') ORDER BY answer DESC");
    assertThat(rows).containsExactly(
        List.of("Where is ink kept?", List.of("pen", "sky"),
            List.of("Ink is in pens.", "Pens hold it."), "pen"),
        List.of("What is 2+3?", List.of(), List.of("2+3=5."), "5"));
  }

  @Test
  void aMixedCorpusGoesToOneFilePerKindOrIsRefusedAsOneFile() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("mixed.jsonl"), Fixtures.generatedTriple(),
        Fixtures.qa("Who wrote it?", "Ann wrote it."), Fixtures.comparative());
    assertThatThrownBy(() -> export(corpus, "all.parquet"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("holds qa (1), comparative (1), triple (1) records")
        .hasMessageContaining("--kind");
    assertThat(dir.resolve("all.parquet")).doesNotExist();

    ExportReport report = export(corpus, "tables");
    assertThat(report.files()).extracting(f -> f.path().toString())
        .containsExactly("comparative.parquet", "qa.parquet", "triple.parquet");
    assertThat(Duck.value("SELECT polarity || ': ' || statement FROM read_parquet('"
        + dir.resolve("tables/comparative.parquet") + "')"))
        .isEqualTo("negated: steel is not heavier than foam");
    assertThat(Duck.value("SELECT context FROM read_parquet('" + dir.resolve("tables/qa.parquet")
        + "')")).isEqualTo("Ann wrote it.");

    CorpusExport.run(ExportSettings.builder(corpus, ExportFormat.PARQUET,
        dir.resolve("qa.parquet")).kind(KnowledgeKind.QA).build());
    assertThat(Duck.value("SELECT count(*) FROM read_parquet('" + dir.resolve("qa.parquet")
        + "')")).isEqualTo(1L);
  }

  @Test
  void snappyAndUncompressedFilesReadBackToo() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("c.jsonl"), Fixtures.generatedTriple());
    for (var c : org.distill4j.export.parquet.Compression.values()) {
      Path out = dir.resolve(c.id() + ".parquet");
      CorpusExport.run(ExportSettings.builder(corpus, ExportFormat.PARQUET, out).compression(c)
          .build());
      assertThat(Duck.value("SELECT tail FROM read_parquet('" + out + "')"))
          .isEqualTo("to be generous");
      assertThat(Duck.value("SELECT DISTINCT compression FROM parquet_metadata('" + out + "')"))
          .isEqualTo(c == org.distill4j.export.parquet.Compression.NONE ? "UNCOMPRESSED"
              : c.name());
    }
  }

  @Test
  void onlyColumnsOfFewValuesAreDictionaryEncoded() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("c.jsonl"), Fixtures.rationale(),
        Fixtures.openRationale());
    Path out = dir.resolve("r.parquet");
    export(corpus, "r.parquet");
    String sql = "SELECT encodings FROM parquet_metadata('" + out + "') WHERE path_in_schema = ";
    assertThat((String) Duck.value(sql + "'source'")).contains("DICTIONARY");
    assertThat((String) Duck.value(sql + "'id'")).doesNotContain("DICTIONARY");
    assertThat((String) Duck.value(sql + "'choices, list, element'"))
        .doesNotContain("DICTIONARY");
  }

  @Test
  void leavesNoStagingBehindAndReplacesOnlyWhenAsked() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("c.jsonl"), Fixtures.generatedTriple());
    export(corpus, "t.parquet");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("c.jsonl", "t.parquet");
    }
    assertThatThrownBy(() -> export(corpus, "t.parquet"))
        .isInstanceOf(TargetExistsException.class).hasMessageContaining("--overwrite");
    CorpusExport.run(ExportSettings.builder(corpus, ExportFormat.PARQUET, dir.resolve("t.parquet"))
        .overwrite(true).build());
    assertThat(Duck.value("SELECT count(*) FROM read_parquet('" + dir.resolve("t.parquet")
        + "')")).isEqualTo(1L);
  }

  @Test
  void aBadLineStopsTheExportWithItsFileAndLineBeforeAnythingIsWritten() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("c.jsonl"), Fixtures.generatedTriple());
    Files.writeString(corpus, Files.readString(corpus) + "{\"knowledge\":{\"kind\":\"triple\","
        + "\"head\":\"x\"}}\n");
    assertThatThrownBy(() -> export(corpus, "t.parquet"))
        .isInstanceOf(InputException.class)
        .hasMessageStartingWith(corpus + ":2: ");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void anEmptyCorpusOrAKindItLacksIsBadInput() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n");
    assertThatThrownBy(() -> export(empty, "e.parquet")).isInstanceOf(InputException.class)
        .hasMessageContaining("the file is empty");
    Path triples = Fixtures.corpus(dir.resolve("t.jsonl"), Fixtures.generatedTriple());
    assertThatThrownBy(() -> CorpusExport.run(ExportSettings.builder(triples,
        ExportFormat.PARQUET, dir.resolve("q.parquet")).kind(KnowledgeKind.QA).build()))
        .isInstanceOf(InputException.class)
        .hasMessage(triples + ": no qa records to export among its 1; leave out --kind to export"
            + " them all");
  }

  private static java.util.Map.Entry<String, String> entry(String k, String v) {
    return java.util.Map.entry(k, v);
  }
}
