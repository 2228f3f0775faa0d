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
}
