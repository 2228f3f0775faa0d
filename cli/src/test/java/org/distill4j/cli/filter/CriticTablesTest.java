package org.distill4j.cli.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.filtering.critic.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The critic reading labelled data as people have it: CSV, TSV and plain JSON Lines rows. */
class CriticTablesTest {
  @TempDir Path dir;

  private static final String[] GOOD = {"kind", "generous", "helpful", "caring", "friendly",
      "polite", "honest", "brave", "patient", "thoughtful"};
  private static final String[] BAD = {"the car is blue", "seven", "on tuesday", "a spoon",
      "the moon rises", "purple rain", "twelve apples", "in the box", "a red brick", "at noon"};

  /** ATOMIC-like triples with the user's ids and yes/no labels, as an expert would label them. */
  private Path atomicCsv() throws Exception {
    StringBuilder csv = new StringBuilder("id,head,relation,tail,valid\n");
    for (int i = 0; i < 20; i++) {
      boolean ok = i % 2 == 0;
      csv.append("u-").append(i).append(",\"PersonX helps person ").append(i)
          .append(", kindly\",xAttr,").append(ok ? GOOD[i / 2] : BAD[i / 2]).append(',')
          .append(ok ? "yes" : "no").append('\n');
    }
    Path f = dir.resolve("atomic.csv");
    Files.writeString(f, csv);
    return f;
  }

  private static final String TEMPLATE = "{head} {relation} {tail}";

  /** Real all-MiniLM-L6-v2 embeddings and DJL training on 20 labelled CSV rows. */
  @Test
  void trainCalibrateAndScoreFromTables() throws Exception {
    Path csv = atomicCsv();
    Path model = dir.resolve("model");
    CommandRun t = CommandRun.of("critic", "train", "--in", csv.toString(), "--text", TEMPLATE,
        "--label", "valid", "--out", model.toString(), "--epochs", "60", "--learning-rate",
        "0.01", "--hidden", "16");
    assertThat(t.exitCode()).as(t.err()).isZero();
    assertThat(t.out()).contains("trained on 20 records (10 accepted)");

    CommandRun c = CommandRun.of("critic", "calibrate", "--model", model.toString(), "--dev",
        csv.toString(), "--text", TEMPLATE, "--label", "valid", "--positive", "YES",
        "--target-recall", "0.8", "--dry-run");
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(c.out()).contains("\"items\" : 20");

    Path scores = dir.resolve("scores.jsonl");
    CommandRun s = CommandRun.of("critic", "score", "--model", model.toString(), "--in",
        csv.toString(), "--text", TEMPLATE, "--id", "id", "--out", scores.toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(scores)) {
      lines.add(CorpusJson.json().readTree(l));
    }
    assertThat(lines).hasSize(20);
    assertThat(lines.get(3).get("id").asText()).isEqualTo("u-3");
    assertThat(lines.get(3).get("text").asText()).isEqualTo("PersonX helps person 3, kindly"
        + " xAttr seven");
    assertThat(lines).allMatch(n -> n.get("critic").isNumber());
    // Trained on these rows: the accepted ones score higher on average.
    double good = 0;
    double bad = 0;
    for (int i = 0; i < 20; i++) {
      double v = lines.get(i).get("critic").asDouble();
      good += i % 2 == 0 ? v : 0;
      bad += i % 2 == 0 ? 0 : v;
    }
    assertThat(good).isGreaterThan(bad);

    // Plain JSON Lines rows, a question/answer pair labelled by word: each answer twice with
    // opposite labels, so no threshold can reach precision 0.9 and the miss is explained.
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      jsonl.append("{\"qid\": \"q").append(i).append("\", \"question\": \"Who is ")
          .append(GOOD[i / 2]).append("?\", \"answer\": \"PersonX\", \"acceptable\": \"")
          .append(i % 2 == 0 ? "acceptable" : "unacceptable").append("\"}\n");
    }
    Path qa = dir.resolve("csqa.jsonl");
    Files.writeString(qa, jsonl);
    CommandRun miss = CommandRun.of("critic", "calibrate", "--model", model.toString(),
        "--dev", qa.toString(), "--text", "question", "--pair", "answer", "--label",
        "acceptable", "--positive", "acceptable", "--target-precision", "0.9");
    assertThat(miss.exitCode()).as(miss.err()).isEqualTo(1);
    assertThat(miss.out()).contains("no threshold reaches precision 0.900")
        .contains("the best is precision 0.500");

    CommandRun pairs = CommandRun.of("critic", "score", "--model", model.toString(), "--in",
        qa.toString(), "--text", "question", "--pair", "answer", "--id", "qid", "--out",
        scores.toString());
    assertThat(pairs.exitCode()).as(pairs.err()).isZero();
    JsonNode first = CorpusJson.json().readTree(Files.readAllLines(scores).get(0));
    assertThat(first.get("id").asText()).isEqualTo("q0");
    assertThat(first.get("text").asText()).isEqualTo("Who is kind?" + RowMapping.PAIR_SEPARATOR
        + "PersonX");
  }

  @Test
  void aMissingColumnNamesItAndTheHeader() throws Exception {
    Path csv = atomicCsv();
    CommandRun run = CommandRun.of("critic", "train", "--in", csv.toString(), "--text",
        "{head} {relation} {object}", "--label", "valid", "--out", dir.resolve("m").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("atomic.csv").contains("\"object\"")
        .contains("[id, head, relation, tail, valid]");
    CommandRun label = CommandRun.of("critic", "train", "--in", csv.toString(), "--text",
        "tail", "--out", dir.resolve("m").toString());
    assertThat(label.exitCode()).isEqualTo(2);
    assertThat(label.err()).contains("\"label\"").contains("[id, head, relation, tail, valid]");
    CommandRun noText = CommandRun.of("critic", "train", "--in", csv.toString(), "--out",
        dir.resolve("m").toString());
    assertThat(noText.exitCode()).isEqualTo(2);
    assertThat(noText.err()).contains("atomic.csv").contains("needs --text")
        .doesNotContain("invalid JSON");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void aBadLabelNamesItsLine() throws Exception {
    Path tsv = dir.resolve("dev.tsv");
    Files.writeString(tsv, "text\tgold\nPersonX is kind\t1\nPersonX is seven\tmaybe\n");
    CommandRun run = CommandRun.of("critic", "train", "--in", tsv.toString(), "--text", "text",
        "--label", "gold", "--out", dir.resolve("m").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("dev.tsv:3").contains("\"maybe\"").contains("--positive");
  }

  @Test
  void theMissMessageNamesTheTargetAndTheBestReached() {
    Calibration.Cutoff best = new Calibration.Cutoff(0.42, 0.8, 0.5, 0.25);
    assertThat(CriticCommand.Calibrate.missed("precision", 0.95, best))
        .contains("precision 0.950").contains("best is precision 0.800")
        .contains("threshold 0.4200");
    assertThat(CriticCommand.Calibrate.missed("recall", 0.9, best))
        .contains("recall 0.900").contains("best is recall 0.500");
  }
}
