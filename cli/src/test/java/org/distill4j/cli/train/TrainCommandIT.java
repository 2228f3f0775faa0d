package org.distill4j.cli.train;

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
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `distill train` and `distill eval` end to end, with a real knowledge base for retrieval. */
class TrainCommandIT {
  @TempDir Path dir;

  private static final String[][] ROWS = {
    {"PersonX buys a car", "to drive"}, {"PersonX bakes bread", "to eat"},
    {"PersonX reads a book", "to learn"}, {"PersonX goes running", "to be fit"},
    {"PersonX paints a wall", "to decorate"}, {"PersonX plants a tree", "to grow food"}};

  private Path corpus() throws Exception {
    Path file = dir.resolve("train.jsonl");
    try (JsonLinesWriter<CorpusRecord> w = JsonLinesWriter.overwrite(file)) {
      for (String[] r : ROWS) {
        w.write(CorpusRecord.of(new CommonsenseTriple(r[0], "xIntent", r[1]),
            Provenance.imported("test")));
      }
    }
    return file;
  }

  @Test
  void trainsResumesAndEvaluatesWithAndWithoutRetrieval() throws Exception {
    Path corpus = corpus();
    // Facts the student can read: a related triple per event, stored in a real KB.
    List<CorpusRecord> facts = new ArrayList<>();
    for (String[] r : ROWS) {
      facts.add(CorpusRecord.of(new CommonsenseTriple(r[0], "xWant", "then " + r[1]),
          Provenance.imported("test")));
    }
    try (KnowledgeBase kb = KnowledgeBase.open(dir.resolve("kb"))) {
      kb.ingest(facts, false);
    }
    Path cfg = Files.writeString(dir.resolve("t.yaml"), String.join("\n",
        "train: " + corpus.getFileName(), "dev: train.jsonl", "out: run", "device: cpu",
        "epochs: 2", "batch_size: 3", "learning_rate: 0.005", "patience: 0",
        "vocabulary_size: 300",
        "model: {embedding: 32, heads: 2, layers: 1, hidden: 64, max_length: 48, dropout: 0.0}",
        "retrieval: {kb: kb, mode: keyword, k: 1}",
        "evaluation: {limit: 6, max_new_tokens: 6}"));

    CommandRun first = CommandRun.of("train", "--config", cfg.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out()).contains("epoch 2:").contains("report.json");

    CommandRun more = CommandRun.of("train", "--config", cfg.toString(), "--epochs", "3");
    assertThat(more.exitCode()).as(more.err()).isZero();
    assertThat(more.out()).contains("resuming after epoch 2").contains("epoch 3:")
        .doesNotContain("epoch 1:");
    assertThat(Files.readAllLines(dir.resolve("run/metrics.jsonl"))).hasSize(3);

    Path evalOut = dir.resolve("eval.json");
    CommandRun eval = CommandRun.of("eval", "--config", cfg.toString(), "--out",
        evalOut.toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    JsonNode report = CorpusJson.json().readTree(evalOut.toFile());
    assertThat(report.get("without_retrieval").get("items").asInt()).isEqualTo(6);
    assertThat(report.get("with_retrieval").get("description").asText())
        .contains("retrieved facts");
    assertThat(report.get("baseline").get("exact_match").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void badInputExitsTwoWithOneLine() throws Exception {
    Path cfg = Files.writeString(dir.resolve("bad.yaml"), "train: nope.jsonl\nout: run\n");
    CommandRun run = CommandRun.of("train", "--config", cfg.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("nope.jsonl").doesNotContain("at org.");

    Path cfg2 = Files.writeString(dir.resolve("bad2.yaml"), "train: a\nout: run\nepoch: 3\n");
    CommandRun run2 = CommandRun.of("train", "--config", cfg2.toString());
    assertThat(run2.exitCode()).isEqualTo(2);
    assertThat(run2.err()).contains("bad2.yaml:3");
  }

  @Test
  void helpTeachesTheConfig() {
    CommandRun help = CommandRun.of("train", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--config").contains("retrieval:").contains("distillation:")
        .contains("resumes");
    assertThat(CommandRun.of("eval", "--help").out()).contains("--checkpoint")
        .contains("with and without");
  }
}
