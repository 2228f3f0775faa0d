package org.distill4j.kb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2Factory;
import org.distill4j.core.io.InputException;
import org.junit.jupiter.api.Test;

class SparqlRunnerTest {
  private static DatasetGraph dataset(int n) {
    DatasetGraph dsg = TDB2Factory.createDataset().asDatasetGraph();
    Txn.executeWrite(dsg, () -> {
      for (int i = 0; i < n; i++) {
        dsg.add(Quad.defaultGraphIRI, NodeFactory.createURI("urn:s" + i),
            NodeFactory.createURI("urn:p"), NodeFactory.createLiteralString("v" + i));
      }
    });
    return dsg;
  }

  private static String run(DatasetGraph dsg, String q, SparqlFormat f) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SparqlRunner(dsg, Duration.ofSeconds(10)).run(SparqlRunner.parse(q, "q"), f, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesTableJsonAndCsv() {
    DatasetGraph dsg = dataset(2);
    String q = "SELECT ?o WHERE { ?s <urn:p> ?o } ORDER BY ?o";
    assertThat(run(dsg, q, SparqlFormat.TABLE)).contains("| o ", "\"v0\"", "\"v1\"");
    assertThat(run(dsg, q, SparqlFormat.JSON)).contains("\"bindings\"", "\"value\": \"v1\"");
    assertThat(run(dsg, q, SparqlFormat.CSV)).isEqualToNormalizingNewlines("o\nv0\nv1\n");
    assertThat(run(dsg, "ASK { ?s <urn:p> \"v1\" }", SparqlFormat.TABLE).strip()).isEqualTo("true");
  }

  @Test
  void rowsComeBackAsMapsUnderTheSameCapAndPolicy() {
    DatasetGraph dsg = dataset(25);
    SparqlRunner runner = new SparqlRunner(dsg, Duration.ofSeconds(10),
        new QueryPolicy(java.util.Set.of(), 10));
    SparqlRows two = runner.rows(SparqlRunner.parse(
        "SELECT ?s ?o ?none WHERE { ?s <urn:p> ?o OPTIONAL { ?s <urn:q> ?none } }"
            + " ORDER BY ?o LIMIT 2", "q"), "q");
    assertThat(two.variables()).containsExactly("s", "o", "none");
    // IRIs as IRIs, literals by their lexical form; an unbound variable is left out of its row.
    assertThat(two.rows()).containsExactly(java.util.Map.of("s", "urn:s0", "o", "v0"),
        java.util.Map.of("s", "urn:s1", "o", "v1"));
    assertThat(two.truncated()).isFalse();

    SparqlRows cut = runner.rows(SparqlRunner.parse("SELECT ?o { ?s ?p ?o }", "q"), "q");
    assertThat(cut.rows()).hasSize(10);
    assertThat(cut.truncated()).isTrue();
    assertThatThrownBy(() -> runner.rows(SparqlRunner.parse("ASK { ?s ?p ?o }", "q"), "q"))
        .isInstanceOf(InputException.class).hasMessageContaining("a SELECT query");
    assertThatThrownBy(() -> runner.rows(SparqlRunner.parse(
        "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", "q"), "q"))
        .isInstanceOf(InputException.class);
  }

  @Test
  void aBadQueryNamesWhereItWentWrong() {
    assertThatThrownBy(() -> SparqlRunner.parse("SELECT * WHERE {\n ?s ?p ", "query.rq"))
        .isInstanceOf(InputException.class).hasMessageStartingWith("query.rq:");
  }

  @Test
  void aQueryOverItsTimeLimitIsCancelled() {
    DatasetGraph dsg = dataset(400);
    String cross = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    SparqlRunner runner = new SparqlRunner(dsg, Duration.ofMillis(200));
    assertThatThrownBy(() -> runner.run(SparqlRunner.parse(cross, "q"), SparqlFormat.TABLE,
        new ByteArrayOutputStream()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("200 ms");
  }

  private static String capped(DatasetGraph dsg, String q, SparqlFormat f, int max,
      SparqlOutcome[] outcome) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    outcome[0] = new SparqlRunner(dsg, Duration.ofSeconds(10),
        new QueryPolicy(java.util.Set.of(), max)).run(SparqlRunner.parse(q, "q"), f, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void answersOverTheRowCapAreCutAndSaySo() {
    DatasetGraph dsg = dataset(25);
    SparqlOutcome[] outcome = new SparqlOutcome[1];
    String csv = capped(dsg, "SELECT ?o { ?s ?p ?o }", SparqlFormat.CSV, 10, outcome);
    assertThat(csv.lines()).hasSize(12).last().asString()
        .startsWith("# truncated at 10 rows").contains("raise the cap with max_rows");
    assertThat(outcome[0]).isEqualTo(new SparqlOutcome(10, true));

    String table = capped(dsg, "SELECT ?o { ?s ?p ?o } LIMIT 50", SparqlFormat.TABLE, 10,
        outcome);
    assertThat(table.lines().filter(l -> l.startsWith("| \"v"))).hasSize(10);
    assertThat(table.strip()).endsWith("LIMIT/OFFSET)");

    String json = capped(dsg, "SELECT ?o { ?s ?p ?o }", SparqlFormat.JSON, 10, outcome);
    assertThat(json).doesNotContain("# truncated");
    assertThat(outcome[0].truncated()).isTrue();

    String turtle = capped(dsg, "CONSTRUCT WHERE { ?s ?p ?o }", SparqlFormat.TABLE, 10, outcome);
    assertThat(outcome[0]).isEqualTo(new SparqlOutcome(10, true));
    assertThat(turtle.strip()).contains("# truncated at 10 rows");
  }

  @Test
  void answersWithinTheCapAreWholeAndUnmarked() {
    DatasetGraph dsg = dataset(10);
    SparqlOutcome[] outcome = new SparqlOutcome[1];
    String csv = capped(dsg, "SELECT ?o { ?s ?p ?o }", SparqlFormat.CSV, 10, outcome);
    assertThat(csv.lines()).hasSize(11).noneMatch(l -> l.startsWith("#"));
    assertThat(outcome[0]).isEqualTo(new SparqlOutcome(10, false));
    capped(dsg, "SELECT ?o { ?s ?p ?o } LIMIT 3", SparqlFormat.CSV, 10, outcome);
    assertThat(outcome[0]).isEqualTo(new SparqlOutcome(3, false));
  }
}
