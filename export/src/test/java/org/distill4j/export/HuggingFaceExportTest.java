package org.distill4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.export.hf.DatasetCard;
import org.distill4j.export.split.SplitPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuggingFaceExportTest {
  @TempDir Path dir;

  /** 300 triples over 100 seed events, three relations each, one teacher, one recipe. */
  private Path corpus() {
    CorpusRecord[] records = new CorpusRecord[300];
    String[] relations = {"xIntent", "xNeed", "xWant"};
    for (int i = 0; i < records.length; i++) {
      Provenance p = Provenance.builder().teacherProvider("ollama").teacherModel("qwen2.5:7b")
          .recipeId("commonsense-atomic").recipeVersion("1")
          .seedId("seeds.jsonl:" + (i / 3 + 1) + "#" + (i % 3)).build();
      records[i] = CorpusRecord.of(new CommonsenseTriple("PersonX does thing " + i / 3,
          relations[i % 3], "tail " + i), p).withScore("critic", i / 300.0);
    }
    return Fixtures.corpus(dir.resolve("kept.jsonl"), records);
  }

  private static JsonNode header(Path readme) throws Exception {
    String card = Files.readString(readme);
    assertThat(card).startsWith("---\n");
    int end = card.indexOf("\n---\n", 4);
    return new YAMLMapper().readTree(card.substring(4, end + 1));
  }

  @Test
  void writesShardsAndACardWhoseFeaturesAndSplitsMatchTheFiles() throws Exception {
    Path corpus = corpus();
    Files.writeString(dir.resolve("funnel.json"), "{\"input\":320,\"invalidLines\":2,"
        + "\"stages\":[{\"name\":\"rules\",\"type\":\"rules\",\"in\":318,\"out\":310},"
        + "{\"name\":\"near-dedup\",\"type\":\"near-dedup\",\"in\":310,\"out\":300}],"
        + "\"kept\":300,\"rejected\":18}");
    Path out = dir.resolve("atomic-hf");
    ExportReport report = CorpusExport.run(ExportSettings.builder(corpus, ExportFormat.HF, out)
        .split(SplitPlan.parse("train=0.8,dev=0.1,test=0.1")).rowsPerShard(100).build());

    JsonNode yaml = header(out.resolve("README.md"));
    assertThat(yaml.path("license").asText()).isEqualTo("unknown");
    assertThat(yaml.path("pretty_name").asText()).isEqualTo("atomic-hf");
    JsonNode config = yaml.path("configs").get(0);
    assertThat(config.path("config_name").asText()).isEqualTo("default");
    Map<String, Long> declared = new LinkedHashMap<>();
    for (JsonNode s : yaml.path("dataset_info").path("splits")) {
      declared.put(s.path("name").asText(), s.path("num_examples").asLong());
    }
    assertThat(declared.keySet()).containsExactly("train", "validation", "test");
    assertThat(declared.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(300);

    for (JsonNode files : config.path("data_files")) {
      String split = files.path("split").asText();
      String glob = out.resolve(files.path("path").asText()) + ".parquet";
      assertThat(Duck.value("SELECT count(*) FROM read_parquet('" + glob + "')"))
          .as(split).isEqualTo(declared.get(split));
    }
    Path firstShard = out.resolve("data/train-00000-of-00003.parquet");
    assertThat(report.files()).extracting(f -> f.path().toString())
        .contains("data/train-00000-of-00003.parquet", "data/train-00002-of-00003.parquet");
    List<Map<String, String>> features = new ArrayList<>();
    for (JsonNode f : yaml.path("dataset_info").path("features")) {
      Map<String, String> feature = new LinkedHashMap<>();
      f.fields().forEachRemaining(e -> feature.put(e.getKey(), e.getValue().asText()));
      features.add(feature);
    }
    List<Map<String, String>> actual = new ArrayList<>();
    Duck.columns(firstShard).forEach((name, type) -> {
      Map<String, String> feature = new LinkedHashMap<>();
      feature.put("name", name);
      feature.putAll(Duck.hfFeature(type));
      actual.add(feature);
    });
    assertThat(features).isEqualTo(actual);

    String card = Files.readString(out.resolve("README.md"));
    assertThat(card).contains("| ollama/qwen2.5:7b | 300 |", "| commonsense-atomic@1 | 300 |",
        "320 records entered the filter chain (2 invalid lines), 300 were kept and 18 rejected",
        "| near-dedup | near-dedup | 310 | 300 |", "Seeds: " + DatasetCard.NO_LICENSE,
        "split seed 13");
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  @Test
  void groupsNeverStraddleSplits() throws Exception {
    Path out = dir.resolve("hf");
    CorpusExport.run(ExportSettings.builder(corpus(), ExportFormat.HF, out)
        .split(SplitPlan.parse("train=0.5,test=0.5")).build());
    List<List<Object>> straddling = Duck.rows("SELECT head FROM read_parquet('" + out
        + "/data/*.parquet', filename = true) GROUP BY head"
        + " HAVING count(DISTINCT regexp_extract(filename, '(train|test)-', 1)) > 1");
    assertThat(straddling).isEmpty();
    assertThat(Duck.value("SELECT count(DISTINCT head) FROM read_parquet('" + out
        + "/data/test-*.parquet')")).isNotEqualTo(0L);
  }

  @Test
  void aMixedCorpusGetsOneConfigPerKindAndTheLicenceGiven() throws Exception {
    Path corpus = Fixtures.corpus(dir.resolve("mixed.jsonl"), Fixtures.generatedTriple(),
        Fixtures.importedTriple(), Fixtures.rationale(), Fixtures.openRationale());
    Path out = dir.resolve("mixed-hf");
    CorpusExport.run(ExportSettings.builder(corpus, ExportFormat.HF, out)
        .license("cc-by-4.0").build());
    JsonNode yaml = header(out.resolve("README.md"));
    assertThat(yaml.path("license").asText()).isEqualTo("cc-by-4.0");
    assertThat(yaml.path("configs").findValuesAsText("config_name"))
        .containsExactly("rationale", "triple");
    assertThat(yaml.path("configs").get(1).path("data_files").get(0).path("path").asText())
        .isEqualTo("data/triple/train-*");
    assertThat(yaml.path("dataset_info").get(0).path("splits").get(0).path("num_examples")
        .asLong()).isEqualTo(2);
    assertThat(yaml.path("dataset_info").get(0).path("features").findValuesAsText("name"))
        .contains("choices", "steps");
    assertThat(out.resolve("data/rationale/train-00000-of-00001.parquet")).exists();
    assertThat(Files.readString(out.resolve("README.md")))
        .contains("No `funnel.json` beside the corpus", "rules, near-dedup", "Seeds: cc-by-4.0.");
  }

  @Test
  void aLicenceThatIsNoHubIdIsOtherWithItsName() throws Exception {
    Path out = dir.resolve("hf");
    CorpusExport.run(ExportSettings.builder(corpus(), ExportFormat.HF, out)
        .license("Internal use only, ACME 2026").build());
    JsonNode yaml = header(out.resolve("README.md"));
    assertThat(yaml.path("license").asText()).isEqualTo("other");
    assertThat(yaml.path("license_name").asText()).isEqualTo("internal-use-only-acme-2026");
  }
}
