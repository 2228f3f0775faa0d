package org.distill4j.cli.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.neural.testing.TinyBert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** critic train, score, calibrate and evaluate with --encoder, on a tiny BERT and a small CSV. */
class EncoderCriticCommandTest {
  @TempDir Path dir;

  private Path table(int rows) throws Exception {
    StringBuilder csv = new StringBuilder("id,question,answer,ok\n");
    for (int i = 0; i < rows; i++) {
      boolean ok = i % 2 == 0;
      csv.append("q").append(i).append(",why is the sky blue ").append(i / 2).append(',')
          .append(ok ? "because air scatters blue light" : "no idea really").append(',')
          .append(ok ? "yes" : "no").append('\n');
    }
    Path f = dir.resolve("t" + rows + ".csv");
    Files.writeString(f, csv);
    return f;
  }

  @Test
  void trainScoreAndCalibrateAFineTunedCritic() throws Exception {
    Path base = TinyBert.write(dir.resolve("base"), 5, 0.0);
    Path model = dir.resolve("critic");
    List<String> mapping = List.of("--text", "question", "--pair", "answer", "--label", "ok",
        "--positive", "yes");
    CommandRun train = CommandRun.of(concat(List.of("critic", "train", "--in",
        table(32).toString(), "--encoder", base.toString(), "--encoder-epochs", "6",
        "--encoder-learning-rate", "2e-3", "--encoder-batch-size", "8", "--max-tokens", "32",
        "--dev-fraction", "0.25", "--out", model.toString()), mapping));
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("epoch 6").contains("dev AP").contains("fine-tuned "
        + base);
    assertThat(model.resolve("config.json")).exists();

    Path scores = dir.resolve("scores.jsonl");
    CommandRun score = CommandRun.of(concat(List.of("critic", "score", "--model",
        model.toString(), "--in", table(8).toString(), "--id", "id", "--out",
        scores.toString()), mapping.subList(0, 4)));
    assertThat(score.exitCode()).as(score.err()).isZero();
    List<JsonNode> lines = Files.readAllLines(scores).stream().map(EncoderCriticCommandTest::json)
        .toList();
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0).get("id").asText()).isEqualTo("q0");
    double worstGood = lines.stream().filter(l -> l.get("text").asText().contains("because"))
        .mapToDouble(l -> l.get("critic").asDouble()).min().orElseThrow();
    double bestBad = lines.stream().filter(l -> l.get("text").asText().contains("no idea"))
        .mapToDouble(l -> l.get("critic").asDouble()).max().orElseThrow();
    assertThat(worstGood).isGreaterThan(bestBad);

    CommandRun calibrate = CommandRun.of(concat(List.of("critic", "calibrate", "--model",
        model.toString(), "--dev", table(8).toString(), "--target-precision", "1.0"), mapping));
    assertThat(calibrate.exitCode()).as(calibrate.out() + calibrate.err()).isZero();
    assertThat(calibrate.out()).contains("threshold");
    JsonNode info = CorpusJson.json().readTree(model.resolve("critic.json").toFile());
    assertThat(info.get("threshold").asDouble()).isGreaterThan(bestBad);

    CommandRun sideRefused = CommandRun.of(concat(List.of("critic", "train", "--in",
        table(8).toString(), "--encoder", base.toString(), "--feature", "len=log-words({answer})", "--out",
        dir.resolve("x").toString()), mapping));
    assertThat(sideRefused.exitCode()).isEqualTo(2);
    assertThat(sideRefused.err()).contains("the --encoder critic reads text only");
  }

  @Test
  void evaluateCrossValidatesTheEncoder() throws Exception {
    Path base = TinyBert.write(dir.resolve("base"), 5, 0.0);
    CommandRun r = CommandRun.of("critic", "evaluate", "--in", table(24).toString(), "--text",
        "question", "--pair", "answer", "--label", "ok", "--positive", "yes", "--folds", "2",
        "--encoder", base.toString(), "--encoder-epochs", "4", "--encoder-learning-rate",
        "2e-3", "--encoder-batch-size", "8", "--max-tokens", "32");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("critic (fine-tuned " + base + ")");
  }

  private static JsonNode json(String line) {
    try {
      return CorpusJson.json().readTree(line);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String[] concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all.toArray(String[]::new);
  }
}
