package org.distill4j.cli.kb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.cli.CommandRun;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.neural.bert.BertClassifier;
import org.distill4j.neural.bert.BertHead;
import org.distill4j.neural.testing.TinyBert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kb commands end to end on a real knowledge base folder (keyword-only: no model). */
class KbCommandsIT {
  @TempDir Path dir;

  private static String triple(String head, String rel, String tail, double critic) {
    return "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"" + head + "\",\"relation\":\"" + rel
        + "\",\"tail\":\"" + tail + "\"},\"provenance\":{\"teacherProvider\":\"ollama\","
        + "\"teacherModel\":\"llama3\"},\"scores\":{\"critic\":" + critic + "}}";
  }

  private Path corpus() throws Exception {
    Path f = dir.resolve("kept.jsonl");
    Files.writeString(f, String.join("\n",
        triple("PersonX adopts a dog", "xIntent", "to have a companion", 0.9),
        triple("PersonX adopts a dog", "xNeed", "to visit the shelter", 0.4),
        triple("PersonX bakes bread", "xIntent", "to eat fresh food", 0.8),
        "{\"knowledge\":{\"kind\":\"qa\",\"question\":\"Why adopt a dog?\","
            + "\"answer\":\"For company\"}}",
        "{\"knowledge\":{\"kind\":\"triple\"}}") + "\n");
    return f;
  }

  @Test
  void ingestSearchSparqlExportStatsCheck() throws Exception {
    Path kb = dir.resolve("kb");
    Path corpus = corpus();
    CommandRun ingest = CommandRun.of("kb", "ingest", "--kb", kb.toString(), "--no-vectors",
        corpus.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    assertThat(ingest.out()).contains("added 4").contains("rejected 1")
        .contains("rejected.jsonl");
    assertThat(Files.readString(kb.resolve("rejected.jsonl"))).contains("kept.jsonl:5");

    CommandRun again = CommandRun.of("kb", "ingest", "--kb", kb.toString(), "--no-vectors",
        corpus.toString());
    assertThat(again.out()).contains("added 0").contains("unchanged 4");

    CommandRun search = CommandRun.of("kb", "search", "--kb", kb.toString(), "adopt a dog",
        "-k", "5", "--relation", "xIntent");
    assertThat(search.exitCode()).as(search.err()).isZero();
    assertThat(search.out().lines()).hasSize(1).first().asString()
        .contains("[triple/xIntent] PersonX adopts a dog");

    CommandRun filtered = CommandRun.of("kb", "search", "--kb", kb.toString(), "PersonX",
        "--min-score", "0.85", "--json");
    JsonNode hit = CorpusJson.json().readTree(filtered.out().lines().findFirst().orElseThrow());
    assertThat(hit.at("/record/scores/critic").asDouble()).isEqualTo(0.9);
    assertThat(filtered.out().lines()).hasSize(1);

    Path reranker = dir.resolve("reranker");
    try (BertClassifier model = BertClassifier.create(TinyBert.write(dir.resolve("tiny"), 1, 0),
        BertHead.reranker(), null, 32, 1)) {
      model.save(reranker);
    }
    CommandRun reranked = CommandRun.of("kb", "search", "--kb", kb.toString(), "PersonX",
        "-k", "2", "--rerank", "10", "--reranker", reranker.toString(), "--json");
    assertThat(reranked.exitCode()).as(reranked.err()).isZero();
    List<Double> scores = reranked.out().lines()
        .map(line -> readScore(line)).toList();
    assertThat(scores).hasSize(2);
    assertThat(scores.get(0)).isGreaterThanOrEqualTo(scores.get(1));
    CommandRun half = CommandRun.of("kb", "search", "--kb", kb.toString(), "PersonX",
        "--rerank", "10");
    assertThat(half.exitCode()).isEqualTo(2);
    assertThat(half.err()).contains("--rerank N and --reranker DIR go together");

    CommandRun vector = CommandRun.of("kb", "search", "--kb", kb.toString(), "dog",
        "--mode", "vector");
    assertThat(vector.exitCode()).isEqualTo(2);
    assertThat(vector.err()).contains("--no-vectors");

    CommandRun sparql = CommandRun.of("kb", "sparql", "--kb", kb.toString(), "--format", "csv",
        "PREFIX kd: <https://w3id.org/distill4j/kd#> SELECT ?rel (COUNT(*) AS ?n)"
            + " { ?r kd:relation ?rel } GROUP BY ?rel ORDER BY ?rel");
    assertThat(sparql.exitCode()).as(sparql.err()).isZero();
    assertThat(sparql.out()).isEqualToNormalizingNewlines("rel,n\nqa,1\nxIntent,2\nxNeed,1\n");

    Path rq = dir.resolve("bad.rq");
    Files.writeString(rq, "SELECT ?x WHERE {\n  ?x ?y\n");
    CommandRun bad = CommandRun.of("kb", "sparql", "--kb", kb.toString(), "--file", rq.toString());
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("error: " + rq + ":");

    Path out = dir.resolve("export.jsonl");
    CommandRun export = CommandRun.of("kb", "export", "--kb", kb.toString(), "--format", "jsonl",
        "--out", out.toString());
    assertThat(export.exitCode()).isZero();
    assertThat(Files.readAllLines(out)).hasSize(4);
    Path nt = dir.resolve("export.nt");
    assertThat(CommandRun.of("kb", "export", "--kb", kb.toString(), "--format", "nt",
        "--out", nt.toString()).exitCode()).isZero();
    assertThat(Files.readString(nt)).contains("<http://www.w3.org/ns/prov#wasAttributedTo>");

    // The exported JSON Lines are a corpus: a new knowledge base built from them is equal.
    Path kb2 = dir.resolve("kb2");
    assertThat(CommandRun.of("kb", "ingest", "--kb", kb2.toString(), "--no-vectors",
        out.toString()).exitCode()).isZero();
    Path out2 = dir.resolve("export2.jsonl");
    CommandRun.of("kb", "export", "--kb", kb2.toString(), "--format", "jsonl", "--out",
        out2.toString());
    assertThat(Files.readAllLines(out2)).isEqualTo(Files.readAllLines(out));

    CommandRun stats = CommandRun.of("kb", "stats", "--kb", kb.toString(), "--json");
    JsonNode s = CorpusJson.json().readTree(stats.out());
    assertThat(s.get("records").asLong()).isEqualTo(4);
    assertThat(s.get("indexDocuments").asLong()).isEqualTo(4);
    assertThat(s.get("totalBytes").asLong()).isPositive();

    CommandRun check = CommandRun.of("kb", "check", "--kb", kb.toString());
    assertThat(check.exitCode()).isZero();
    assertThat(check.out()).contains("consistent");
  }

  @Test
  void importsAtomicCsv() throws Exception {
    Path csv = dir.resolve("atomic.csv");
    Files.writeString(csv,
        "event,oEffect,oReact,oWant,xAttr,xEffect,xIntent,xNeed,xReact,xWant,prefix,split\n"
            + "PersonX pays the bill,[],\"[\"\"none\"\"]\",[],\"[\"\"generous\"\"]\",[],"
            + "\"[\"\"to be nice\"\"]\",[],[],[],\"[\"\"pays\"\"]\",dev\n");
    Path kb = dir.resolve("kb");
    CommandRun run = CommandRun.of("kb", "import", "atomic", "--kb", kb.toString(),
        "--no-vectors", csv.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("1 rows, 1 'none' tails skipped, 2 triples");
    CommandRun search = CommandRun.of("kb", "search", "--kb", kb.toString(), "generous");
    assertThat(search.out()).contains("[triple/xAttr] PersonX pays the bill");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    CommandRun missing = CommandRun.of("kb", "search", "--kb", dir.resolve("none").toString(),
        "dog");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("no knowledge base here");

    Path kb = dir.resolve("kb");
    CommandRun.of("kb", "ingest", "--kb", kb.toString(), "--no-vectors", corpus().toString());
    CommandRun exposed = CommandRun.of("kb", "serve", "--kb", kb.toString(),
        "--host", "0.0.0.0", "--port", "0");
    assertThat(exposed.exitCode()).isEqualTo(2);
    assertThat(exposed.err()).contains("bearer token is required");
  }

  @Test
  void sparqlReadsOnlyTheStoreAndCapsItsAnswer() throws Exception {
    Path kb = dir.resolve("kb");
    CommandRun.of("kb", "ingest", "--kb", kb.toString(), "--no-vectors", corpus().toString());
    AtomicInteger hits = new AtomicInteger();
    HttpServer outside = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    outside.createContext("/", exchange -> {
      hits.incrementAndGet();
      byte[] body = "FETCHED-FROM-OUTSIDE".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(500, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    outside.start();
    try {
      String url = "http://127.0.0.1:" + outside.getAddress().getPort() + "/sparql";
      CommandRun service = CommandRun.of("kb", "sparql", "--kb", kb.toString(),
          "SELECT * { SERVICE <" + url + "> { ?s ?p ?o } }");
      assertThat(service.exitCode()).isEqualTo(2);
      assertThat(service.err()).startsWith("error: query: SERVICE <" + url + "> is refused")
          .contains("--allow-service").doesNotContain("FETCHED");
      CommandRun java = CommandRun.of("kb", "sparql", "--kb", kb.toString(),
          "SELECT * { ?s <java:java.lang.Runtime> ?o }");
      assertThat(java.exitCode()).isEqualTo(2);
      assertThat(java.err()).contains("predicate <java:java.lang.Runtime> is refused");
      assertThat(hits.get()).isZero();
    } finally {
      outside.stop(0);
    }

    String all = "SELECT ?s ?p ?o { ?s ?p ?o } ORDER BY ?s ?p ?o";
    CommandRun cut = CommandRun.of("kb", "sparql", "--kb", kb.toString(), "--format", "csv",
        "--max-rows", "2", all);
    assertThat(cut.exitCode()).as(cut.err()).isZero();
    assertThat(cut.out().lines()).hasSize(4).last().asString()
        .startsWith("# truncated at 2 rows").contains("--max-rows");
    CommandRun json = CommandRun.of("kb", "sparql", "--kb", kb.toString(), "--format", "json",
        "--max-rows", "2", all);
    assertThat(CorpusJson.json().readTree(json.out()).at("/results/bindings")).hasSize(2);
    assertThat(json.err()).startsWith("# truncated at 2 rows");
    CommandRun whole = CommandRun.of("kb", "sparql", "--kb", kb.toString(), "--format", "csv",
        "--max-rows", "2", "SELECT ?s { ?s ?p ?o } LIMIT 1");
    assertThat(whole.out().lines()).hasSize(2).noneMatch(l -> l.startsWith("#"));
  }

  @Test
  void numericOptionsAreCheckedByName() throws Exception {
    Path kb = dir.resolve("kb");
    CommandRun.of("kb", "ingest", "--kb", kb.toString(), "--no-vectors", corpus().toString());
    String k = kb.toString();
    // Each case: the option the error must name, then the arguments.
    String[][] cases = {
        {"--max-rows", "kb", "sparql", "--kb", k, "--max-rows", "0", "ASK {}"},
        {"--timeout", "kb", "sparql", "--kb", k, "--timeout", "-1", "ASK {}"},
        {"--allow-service", "kb", "sparql", "--kb", k, "--allow-service", "file:///etc/passwd",
            "ASK {}"},
        {"--port", "kb", "serve", "--kb", k, "--port", "-5"},
        {"--max-rows", "kb", "serve", "--kb", k, "--port", "0", "--max-rows", "-3"},
        {"--max-bytes", "kb", "serve", "--kb", k, "--port", "0", "--max-bytes", "10"},
        {"--timeout", "kb", "serve", "--kb", k, "--port", "0", "--timeout", "0"}};
    for (String[] c : cases) {
      String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
      CommandRun r = CommandRun.of(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      // "error: --max-bytes must be ..." or picocli's "error: Invalid value for option '--port'"
      assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").contains(c[0])
          .doesNotContain("Exception");
    }
  }

  private static double readScore(String line) {
    try {
      return CorpusJson.json().readTree(line).get("score").asDouble();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
