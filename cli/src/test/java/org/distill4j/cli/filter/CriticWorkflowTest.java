package org.distill4j.cli.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.io.CorpusJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** critic evaluate, train with a dev split, saved --feature and negatives, on small tables. */
class CriticWorkflowTest {
  @TempDir Path dir;

  private static final String[] GOOD = {"kind", "generous", "helpful", "caring", "friendly",
      "polite", "honest", "brave", "patient", "thoughtful", "gentle", "loyal"};
  private static final String[] BAD = {"the car is blue", "seven", "on tuesday", "a spoon",
      "the moon rises", "purple rain", "twelve apples", "in the box", "a red brick", "at noon",
      "a wet road", "nine"};

  /**
   * 24 rows in 12 groups of two (one good, one bad); {@code rank} is a perfect numeric baseline
   * (lower is better), {@code rel} a relation whose accepted share is uninformative.
   */
  private Path table() throws Exception {
    StringBuilder csv = new StringBuilder("gid,head,rel,tail,rank,ok\n");
    for (int i = 0; i < 24; i++) {
      boolean ok = i % 2 == 0;
      csv.append("g").append(i / 2).append(",PersonX helps person ").append(i / 2)
          .append(",xAttr,").append(ok ? GOOD[i / 2] : BAD[i / 2]).append(',')
          .append(ok ? 1 : 2).append(',').append(ok ? "yes" : "no").append('\n');
    }
    Path f = dir.resolve("t.csv");
    Files.writeString(f, csv);
    return f;
  }

  private String cache() {
    return dir.resolve("emb").toString();
  }

  @Test
  void evaluateReportsTheCriticBesideItsBaselines() throws Exception {
    Path json = dir.resolve("cv.json");
    CommandRun r = CommandRun.of("critic", "evaluate", "--in", table().toString(), "--text",
        "{head} {rel} {tail}", "--label", "ok", "--group", "gid", "--folds", "3",
        "--baseline", "rank", "--baseline-lower-better", "--relation", "rel",
        "--feature", "fit=cosine({head}|{tail})", "--feature", "len=log-words({tail})",
        "--target-precision", "0.9", "--epochs", "30", "--learning-rate", "0.01",
        "--embedding-cache", cache(), "--out", json.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("24 held-out items (3 folds grouped by gid), 50.0 % accepted")
        .contains("critic (MiniLM + MLP)").contains("baseline: rank, lower first")
        .contains("base rate per rel").contains("threshold for precision 0.90");
    JsonNode results = CorpusJson.json().readTree(json.toFile());
    assertThat(results).hasSize(3);
    JsonNode baseline = results.get(1);
    assertThat(baseline.get("averagePrecision").asDouble()).isEqualTo(1.0);
    assertThat(baseline.get("precisionAt50").asDouble()).isEqualTo(1.0);
    assertThat(baseline.get("thresholds")).hasSize(3);
    assertThat(baseline.get("heldOut").get("precision").asDouble()).isEqualTo(1.0);
    // One relation accepted half the time: the base rate ties every item, AP = prevalence.
    assertThat(results.get(2).get("averagePrecision").asDouble()).isEqualTo(0.5);
    // Good and bad tails differ in meaning and length: the critic ranks better than chance.
    assertThat(results.get(0).get("averagePrecision").asDouble()).isGreaterThan(0.6);
    assertThat(Files.exists(dir.resolve("emb").resolve("embeddings-v1.bin"))).isTrue();
  }

  @Test
  void trainPrintsEpochsWithDevApAndScoreReusesTheSavedFeatures() throws Exception {
    Path model = dir.resolve("model");
    CommandRun t = CommandRun.of("critic", "train", "--in", table().toString(), "--text",
        "{head} {rel} {tail}", "--label", "ok", "--dev-fraction", "0.25", "--group", "gid",
        "--epochs", "8", "--patience", "3", "--learning-rate", "0.01",
        "--feature", "len=log-words({tail})", "--embedding-cache", cache(),
        "--out", model.toString());
    assertThat(t.exitCode()).as(t.err()).isZero();
    assertThat(t.out()).contains("epoch 1  loss ").contains("dev AP ")
        .contains("trained on 18 records (9 accepted), dev 6 records")
        .containsPattern("kept the weights of epoch [1-8] \\(dev AP ");
    assertThat(Files.readString(model.resolve(SavedFeatures.FILE))).contains("log-words");

    Path scores = dir.resolve("s.jsonl");
    CommandRun s = CommandRun.of("critic", "score", "--model", model.toString(), "--in",
        table().toString(), "--text", "{head} {rel} {tail}", "--embedding-cache", cache(),
        "--out", scores.toString());
    assertThat(s.exitCode()).as(s.err()).isZero();
    assertThat(Files.readAllLines(scores)).hasSize(24);

    CommandRun other = CommandRun.of("critic", "score", "--model", model.toString(), "--in",
        table().toString(), "--text", "{head} {rel} {tail}", "--feature", "len=log-words({head})",
        "--embedding-cache", cache(), "--out", scores.toString());
    assertThat(other.exitCode()).isEqualTo(2);
    assertThat(other.err()).contains("differs from the critic's own features");
  }

  @Test
  void negativesWriteLabelledTriplesThatSayHowTheyWereMade() throws Exception {
    Path tsv = dir.resolve("triples.tsv");
    Files.writeString(tsv, "relation\targ2\targ1\tlabel\nCapableOf\tbark\tdog\t1\n"
        + "CapableOf\tpurr\tcat\t1\nIsA\tanimal\tdog\t1\nIsA\ttool\thammer\t1\n"
        + "IsA\tfruit\tcar\t0\n");
    Path out = dir.resolve("labelled.jsonl");
    CommandRun r = CommandRun.of("critic", "negatives", "--in", tsv.toString(), "--head", "arg1",
        "--relation", "relation", "--tail", "arg2", "--label", "label", "--kinds", "tail,relation",
        "--per-positive", "1", "--seed", "3", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSizeGreaterThan(4);
    assertThat(lines.subList(0, 4)).allMatch(l -> l.contains("\"label\":1"));
    assertThat(lines).noneMatch(l -> l.contains("car")); // a false row is no positive
    JsonNode neg = CorpusJson.json().readTree(lines.get(4));
    assertThat(neg.get("label").asInt()).isZero();
    assertThat(neg.get("kind").asText()).isIn("tail", "relation");
    assertThat(neg.get("from").asText()).contains(" | ");
  }

  @Test
  void derivedFeaturesComputeWhatTheySay() {
    DerivedFeature f = DerivedFeature.parse("dev = centred(nll | {q})");
    assertThat(f.spec()).isEqualTo("dev=centred({nll}|{q})");
    assertThat(f.columns()).containsExactly("nll", "q");
    List<CriticItem> items = List.of(item("1", "a"), item("3", "a"), item("10", "b"));
    assertThat(DerivedFeatures.values(items, f, null)).containsExactly(-1, 1, 0);
    assertThat(DerivedFeatures.contains("A book store sells books", "book store")).isTrue();
    assertThat(DerivedFeatures.contains("bookstores sell", "book store")).isFalse();
    assertThat(DerivedFeatures.mentionsOther("the library or a shelf", "library, shelf, or"
        + " store", "store")).isEqualTo(2);
    CommandRun bad = CommandRun.of("critic", "evaluate", "--in", "x.csv", "--text", "t",
        "--feature", "x=median(a)");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("unknown function \"median\"");
  }

  private static CriticItem item(String nll, String q) {
    return new CriticItem("i", "t", java.util.Map.of(), null, java.util.Map.of("nll", nll, "q",
        q));
  }
}
