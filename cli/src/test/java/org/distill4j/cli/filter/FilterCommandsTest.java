package org.distill4j.cli.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilterCommandsTest {
  @TempDir Path dir;

  private static CorpusRecord triple(String head, String rel, String tail) {
    return CorpusRecord.of(new CommonsenseTriple(head, rel, tail), Provenance.unknown());
  }

  private Path write(String name, List<CorpusRecord> records) {
    Path f = dir.resolve(name);
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(f)) {
      records.forEach(w::write);
    }
    return f;
  }

  @Test
  void filterWritesOutputsAndPrintsTheFunnel() throws Exception {
    Path in = write("in.jsonl", List.of(triple("PersonX eats", "xIntent", "to be full"),
        triple("PersonX eats", "xIntent", "to be full!"),
        triple("PersonX eats", "xAttr", "a person who is hungry all day"),
        triple("PersonX eats", "xAttr", "hungry")));
    Path chain = dir.resolve("f.yaml");
    Files.writeString(chain, "filters:\n  - type: kind\n  - type: exact-dedup\n");
    CommandRun run = CommandRun.of("filter", "--in", in.toString(), "--filters", chain.toString(),
        "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("kind").contains("exact-dedup")
        .contains("input 4, invalid 0, kept 2, rejected 2");
    JsonNode div = CorpusJson.json().readTree(dir.resolve("out/diversity.json").toFile());
    assertThat(div.at("/overall/items").asInt()).isEqualTo(2);
    assertThat(Files.readAllLines(dir.resolve("out/rejected.jsonl"))).hasSize(2);
  }

  @Test
  void badChainIsBadInput() throws Exception {
    Path in = write("in.jsonl", List.of(triple("PersonX eats", "xIntent", "to be full")));
    Path chain = dir.resolve("f.yaml");
    Files.writeString(chain, "filters:\n  - type: no-such-filter\n");
    CommandRun run = CommandRun.of("filter", "--in", in.toString(), "--filters", chain.toString(),
        "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("f.yaml:2: unknown type \"no-such-filter\" in filters[0]; expected one of schema,");
  }

  @Test
  void helpListsTheRegisteredFilterTypes() {
    String help = CommandRun.of("filter", "--help").out().replaceAll("\\s+", " ");
    assertThat(help).contains("Filter types (YAML `type:`): "
        + String.join(", ", org.distill4j.filtering.chain.FilterSpec.types()) + ". ");
  }

  @Test
  void chainKeysAreSnakeCase() throws Exception {
    Path in = write("in.jsonl", List.of(triple("PersonX eats", "xAttr", "very hungry"),
        triple("PersonX eats", "xAttr", "hungry"), triple("PersonX naps", "xAttr", "tired")));
    Path chain = dir.resolve("f.yaml");
    Files.writeString(chain, "batch_size: 1\nfilters:\n  - type: kind\n"
        + "    max_attribute_words: 1\n  - type: length\n    max_words: 1\n");
    CommandRun run = CommandRun.of("filter", "--in", in.toString(), "--filters", chain.toString(),
        "--out", dir.resolve("out").toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("input 3, invalid 0, kept 2, rejected 1");

    Files.writeString(chain, "filters:\n  - type: length\n    maxWords: 1\n");
    CommandRun old = CommandRun.of("filter", "--in", in.toString(), "--filters",
        chain.toString(), "--out", dir.resolve("out").toString());
    assertThat(old.exitCode()).isEqualTo(2);
    assertThat(old.err()).contains("f.yaml:").contains("\"maxWords\"")
        .contains("expected one of max_chars, max_words, min_chars, min_words, name");

    assertThat(CommandRun.of("filter", "--help").out()).contains("max_words: 12")
        .contains("batch_size").doesNotContain("maxWords");
  }

  /** Real all-MiniLM-L6-v2 embeddings and DJL training on 40 labelled records. */
  @Test
  void criticTrainCalibrateScore() throws Exception {
    List<CorpusRecord> labelled = new ArrayList<>();
    String[] good = {"kind", "generous", "helpful", "caring", "friendly", "polite", "honest",
        "brave", "patient", "thoughtful"};
    String[] bad = {"the car is blue", "seven", "on tuesday", "a spoon", "the moon rises",
        "purple rain", "twelve apples", "in the box", "a red brick", "at noon"};
    for (int i = 0; i < 20; i++) {
      boolean ok = i % 2 == 0;
      String tail = ok ? good[i / 2] : bad[i / 2];
      labelled.add(triple("PersonX helps person " + i, "xAttr", tail)
          .withScore("label", ok ? 1 : 0));
    }
    Path train = write("train.jsonl", labelled);
    Path model = dir.resolve("model");
    CommandRun t = CommandRun.of("critic", "train", "--in", train.toString(), "--out",
        model.toString(), "--epochs", "60", "--learning-rate", "0.01", "--hidden", "16");
    assertThat(t.exitCode()).as(t.err()).isZero();
    assertThat(t.out()).contains("trained on 20 records (10 accepted)");

    CommandRun c = CommandRun.of("critic", "calibrate", "--model", model.toString(), "--dev",
        train.toString(), "--target-recall", "0.8");
    assertThat(c.exitCode()).as(c.err()).isZero();
    JsonNode report = CorpusJson.json().readTree(c.out().substring(0, c.out().lastIndexOf('}')
        + 1));
    assertThat(report.get("averagePrecision").asDouble()).isGreaterThan(0.9);
    assertThat(report.at("/chosen/recall").asDouble()).isGreaterThanOrEqualTo(0.8);
    JsonNode info = CorpusJson.json().readTree(model.resolve("critic.json").toFile());
    assertThat(info.get("threshold").asDouble()).isEqualTo(report.at("/chosen/threshold")
        .asDouble());

    CommandRun s = CommandRun.of("critic", "score", "--model", model.toString(), "--in",
        train.toString(), "--out", dir.resolve("scored.jsonl").toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    List<CorpusRecord> scored = new ArrayList<>();
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(dir.resolve("scored.jsonl"),
        CorpusRecord.class)) {
      r.forEach(scored::add);
    }
    assertThat(scored).hasSize(20).allMatch(r -> r.scores().containsKey("critic"));

    Path chain = dir.resolve("critic.yaml");
    Files.writeString(chain, "filters:\n  - type: classifier\n    model: model\n");
    CommandRun f = CommandRun.of("filter", "--in", train.toString(), "--filters",
        chain.toString(), "--out", dir.resolve("filtered").toString());
    assertThat(f.exitCode()).as(f.err()).isZero();
    List<CorpusRecord> kept = new ArrayList<>();
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(dir.resolve("filtered/kept.jsonl"),
        CorpusRecord.class)) {
      r.forEach(kept::add);
    }
    // The calibrated threshold (recall >= 0.8) keeps at least 8 of the 10 accepted records.
    assertThat(kept.stream().filter(r -> r.scores().get("label") == 1)).hasSizeGreaterThanOrEqualTo(8);
    assertThat(kept).allMatch(r -> r.scores().get("classifier") >= info.get("threshold").asDouble());

    CommandRun missingLabel = CommandRun.of("critic", "train", "--in",
        write("nolabel.jsonl", List.of(triple("PersonX a", "xAttr", "b"))).toString(), "--out",
        dir.resolve("m2").toString());
    assertThat(missingLabel.exitCode()).isEqualTo(2);
    assertThat(missingLabel.err()).contains("nolabel.jsonl:1").contains("\"label\"");
  }

  /** Every file under {@code root} with its bytes, to compare a folder before and after. */
  private static java.util.Map<String, String> snapshot(Path root) throws Exception {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    try (var all = Files.walk(root)) {
      for (Path p : all.toList()) {
        out.put(root.relativize(p).toString(), Files.isRegularFile(p)
            ? java.util.HexFormat.of().formatHex(Files.readAllBytes(p)) : "<dir>");
      }
    }
    return out;
  }

  @Test
  void badInputLeavesTheEarlierOutputsByteIdentical() throws Exception {
    Path in = write("in.jsonl", List.of(triple("PersonX eats", "xIntent", "to be full"),
        triple("PersonX eats", "xAttr", "a person who is hungry all day"),
        triple("PersonX eats", "xAttr", "hungry")));
    Files.writeString(in, "not json\n", java.nio.file.StandardOpenOption.APPEND);
    Path chain = dir.resolve("f.yaml");
    Files.writeString(chain, "filters:\n  - type: kind\n");
    Path out = dir.resolve("out");
    CommandRun first = CommandRun.of("filter", "--in", in.toString(), "--filters",
        chain.toString(), "--out", out.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(Files.size(out.resolve("rejected.jsonl"))).isPositive();
    var before = snapshot(out);

    for (Path bad : List.of(dir.resolve("missing.jsonl"), dir)) {
      CommandRun run = CommandRun.of("filter", "--in", bad.toString(), "--filters",
          chain.toString(), "--out", out.toString());
      assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
      assertThat(run.err()).contains(bad.toString()).doesNotContain("Exception");
      assertThat(snapshot(out)).isEqualTo(before);
    }
    CommandRun fresh = CommandRun.of("filter", "--in", dir.resolve("missing.jsonl").toString(),
        "--filters", chain.toString(), "--out", dir.resolve("new-out").toString());
    assertThat(fresh.exitCode()).isEqualTo(2);
    assertThat(dir.resolve("new-out")).doesNotExist();
  }

  @Test
  void aFailureMidRunLeavesTheEarlierOutputsAndASuccessReplacesThemAll() throws Exception {
    Path in = write("in.jsonl", List.of(triple("PersonX eats", "xIntent", "to be full"),
        triple("PersonX eats", "xAttr", "hungry")));
    Files.writeString(in, "not json\n", java.nio.file.StandardOpenOption.APPEND);
    Path chain = dir.resolve("f.yaml");
    Files.writeString(chain, "filters:\n  - type: kind\n");
    Path out = dir.resolve("out");
    assertThat(CommandRun.of("filter", "--in", in.toString(), "--filters", chain.toString(),
        "--out", out.toString()).exitCode()).isZero();
    assertThat(Files.readAllLines(out.resolve("invalid.jsonl"))).hasSize(1);
    var before = snapshot(out);

    // The second record's gold answer names none of its options: the answer
    // check fails on it after the first batch has been written.
    CorpusRecord good = CorpusRecord.of(new org.distill4j.core.knowledge.Rationale("Q one?",
        List.of("park", "bank"), List.of("Parks are green."), "park"), Provenance.unknown());
    CorpusRecord broken = CorpusRecord.of(new org.distill4j.core.knowledge.Rationale("Q two?",
        List.of("park", "bank"), List.of("Banks are safe."), "bank"), Provenance.unknown());
    Path rationales = write("r.jsonl", List.of(good, broken));
    Files.writeString(dir.resolve("gold.jsonl"), "{\"question\":\"Q one?\",\"answer\":\"park\"}\n"
        + "{\"question\":\"Q two?\",\"answer\":\"the moon\"}\n");
    Path check = dir.resolve("check.yaml");
    Files.writeString(check, "batch_size: 1\nfilters:\n  - type: answer-check\n"
        + "    gold: gold.jsonl\n");
    CommandRun failed = CommandRun.of("filter", "--in", rationales.toString(), "--filters",
        check.toString(), "--out", out.toString());
    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(failed.err()).contains("the moon");
    assertThat(snapshot(out)).isEqualTo(before);

    // A clean input replaces every output, and the old invalid.jsonl does not survive it.
    Path clean = write("clean.jsonl", List.of(good));
    CommandRun ok = CommandRun.of("filter", "--in", clean.toString(), "--filters",
        check.toString(), "--out", out.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("kept.jsonl"))).hasSize(1);
    assertThat(Files.readAllLines(out.resolve("rejected.jsonl"))).isEmpty();
    assertThat(out.resolve("invalid.jsonl").toFile().length()).isZero();
    try (var left = Files.list(out)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("kept.jsonl", "rejected.jsonl", "invalid.jsonl",
              "funnel.json", "diversity.json");
    }
  }
}
