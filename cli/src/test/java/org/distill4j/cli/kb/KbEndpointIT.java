package org.distill4j.cli.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.distill4j.cli.CommandRun;
import org.distill4j.kb.testing.FusekiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kb ingest} and {@code kb sparql} against a real Fuseki server in a child JVM. */
class KbEndpointIT {
  private static final String PER_RELATION = "PREFIX kd: <https://w3id.org/distill4j/kd#>"
      + " SELECT ?rel (COUNT(*) AS ?n) { ?r kd:relation ?rel } GROUP BY ?rel ORDER BY ?rel";

  @TempDir Path dir;

  private static String triple(String head, String rel, String tail, double critic) {
    return "{\"knowledge\":{\"kind\":\"triple\",\"head\":\"" + head + "\",\"relation\":\"" + rel
        + "\",\"tail\":\"" + tail + "\"},\"provenance\":{\"teacherProvider\":\"ollama\","
        + "\"teacherModel\":\"llama3\"},\"scores\":{\"critic\":" + critic + "}}";
  }

  private Path corpus(double firstScore) throws Exception {
    Path f = dir.resolve("kept.jsonl");
    Files.writeString(f, String.join("\n",
        triple("PersonX adopts a dog", "xIntent", "to have a companion", firstScore),
        triple("PersonX adopts a dog", "xNeed", "to visit the shelter", 0.4),
        triple("PersonX bakes bread", "xIntent", "to eat fresh food", 0.8),
        "{\"knowledge\":{\"kind\":\"qa\",\"question\":\"Why adopt a dog?\","
            + "\"answer\":\"For company\"}}",
        "{\"knowledge\":{\"kind\":\"triple\"}}") + "\n");
    return f;
  }

  @Test
  void ingestThenQueryTheServer() throws Exception {
    try (FusekiProcess fuseki = FusekiProcess.start(dir)) {
      String url = fuseki.datasetUrl();
      Path rejects = dir.resolve("rejects.jsonl");
      CommandRun ingest = CommandRun.of("kb", "ingest", "--endpoint", url, "--batch", "2",
          "--rejects", rejects.toString(), corpus(0.9).toString());
      assertThat(ingest.exitCode()).as(ingest.err()).isZero();
      assertThat(ingest.out()).startsWith(url + ": read 5: added 4, updated 0, unchanged 0,"
          + " rejected 1").contains("reasons in " + rejects);
      assertThat(Files.readString(rejects)).contains("kept.jsonl:5");

      CommandRun again = CommandRun.of("kb", "ingest", "--endpoint", url, "--rejects",
          rejects.toString(), corpus(0.95).toString());
      assertThat(again.out()).contains("added 0, updated 1, unchanged 3");

      CommandRun table = CommandRun.of("kb", "sparql", "--endpoint", url, PER_RELATION);
      assertThat(table.exitCode()).as(table.err()).isZero();
      assertThat(table.out()).isEqualToNormalizingNewlines("""
          -----------------
          | rel       | n |
          =================
          | "qa"      | 1 |
          | "xIntent" | 2 |
          | "xNeed"   | 1 |
          -----------------
          """);
      CommandRun csv = CommandRun.of("kb", "sparql", "--endpoint", url, "--format", "csv",
          PER_RELATION);
      assertThat(csv.out()).isEqualToNormalizingNewlines("rel,n\nqa,1\nxIntent,2\nxNeed,1\n");
      CommandRun score = CommandRun.of("kb", "sparql", "--endpoint", url, "--format", "csv",
          "PREFIX kd: <https://w3id.org/distill4j/kd#> SELECT ?v { ?r kd:tail \"to have a"
              + " companion\" ; kd:hasScore/kd:scoreValue ?v }");
      assertThat(score.out().lines().skip(1).map(Double::parseDouble)).containsExactly(0.95);
    }
  }

  @Test
  void bothTargetsAtOnceAndTheUsageErrors() throws Exception {
    try (FusekiProcess fuseki = FusekiProcess.start(dir)) {
      String url = fuseki.datasetUrl();
      Path kb = dir.resolve("kb");
      CommandRun both = CommandRun.of("kb", "ingest", "--kb", kb.toString(), "--no-vectors",
          "--endpoint", url, corpus(0.9).toString());
      assertThat(both.exitCode()).as(both.err()).isZero();
      assertThat(both.out().lines()).containsExactly(
          kb + ": read 5: added 4, updated 0, unchanged 0, rejected 1, duplicates 0 (1 batches)",
          kb + ": 1 record(s) not stored; reasons in " + kb.resolve("rejected.jsonl"),
          url + ": read 5: added 4, updated 0, unchanged 0, rejected 1, duplicates 0 (1 batches)");
      CommandRun search = CommandRun.of("kb", "search", "--kb", kb.toString(), "bread");
      assertThat(search.out()).contains("PersonX bakes bread");

      CommandRun neither = CommandRun.of("kb", "ingest", corpus(0.9).toString());
      assertThat(neither.exitCode()).isEqualTo(2);
      assertThat(neither.err()).contains("give --kb DIR, --endpoint URL or both");
      CommandRun twoStores = CommandRun.of("kb", "sparql", "--kb", kb.toString(),
          "--endpoint", url, "ASK {}");
      assertThat(twoStores.exitCode()).isEqualTo(2);
      assertThat(twoStores.err()).contains("alternatives: give one");
      CommandRun unset = CommandRun.of("kb", "sparql", "--endpoint", url,
          "--endpoint-token-env", "DISTILL4J_TEST_SURELY_UNSET", "ASK {}");
      assertThat(unset.exitCode()).isEqualTo(2);
      assertThat(unset.err()).contains("--endpoint-token-env DISTILL4J_TEST_SURELY_UNSET: the"
          + " environment variable is not set or empty");
      CommandRun bad = CommandRun.of("kb", "sparql", "--endpoint", "ftp://x/kb", "ASK {}");
      assertThat(bad.exitCode()).isEqualTo(2);
      assertThat(bad.err()).contains("--endpoint \"ftp://x/kb\": expected the http://");
    }
    CommandRun down = CommandRun.of("kb", "sparql", "--endpoint", "http://127.0.0.1:9/kb",
        "ASK {}");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err()).contains("http://127.0.0.1:9/kb: running the query failed: cannot"
        + " connect");
  }
}
