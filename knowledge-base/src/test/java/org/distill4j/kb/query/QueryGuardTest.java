package org.distill4j.kb.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.TDB2Factory;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queries that would reach outside the store, against a real loopback server and a real file. */
class QueryGuardTest {
  @TempDir Path tmp;
  LoopbackEndpoint endpoint;
  DatasetGraph dsg;

  @BeforeEach
  void start() throws Exception {
    endpoint = new LoopbackEndpoint();
    dsg = TDB2Factory.createDataset().asDatasetGraph();
    Txn.executeWrite(dsg, () -> dsg.add(Quad.defaultGraphIRI, NodeFactory.createURI("urn:s"),
        NodeFactory.createURI("urn:p"), NodeFactory.createLiteralString("local")));
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private String run(String q, QueryPolicy policy) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SparqlRunner(dsg, Duration.ofSeconds(10), policy)
        .run(SparqlRunner.parse(q, "q.rq"), "q.rq", SparqlFormat.CSV, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void serviceIsRefusedByDefaultWithoutAnyRequest() {
    for (String q : new String[] {
        "SELECT * { SERVICE <" + endpoint.url("/sparql") + "> { ?s ?p ?o } }",
        "SELECT * { SERVICE SILENT <" + endpoint.url("/x") + "> { ?s ?p ?o } }",
        "SELECT * { VALUES ?e { <" + endpoint.url("/v") + "> } SERVICE ?e { ?s ?p ?o } }",
        "ASK { FILTER EXISTS { SERVICE <" + endpoint.url("/e") + "> { ?s ?p ?o } } }"}) {
      assertThatThrownBy(() -> run(q, QueryPolicy.closed())).as(q)
          .isInstanceOf(InputException.class)
          .isInstanceOf(SettingException.class)
          .hasMessageStartingWith("q.rq: SERVICE").hasMessageContaining("allow_service")
          .hasMessageNotContaining(LoopbackEndpoint.MARKER);
    }
    assertThat(endpoint.hits()).isZero();
  }

  @Test
  void anAllowedEndpointIsCalledAndNoOther() {
    QueryPolicy policy = new QueryPolicy(Set.of(endpoint.url("/ok")), 100);
    assertThat(run("SELECT ?x { SERVICE <" + endpoint.url("/ok") + "> { ?s ?p ?x } }", policy))
        .contains(LoopbackEndpoint.MARKER);
    assertThat(endpoint.hits()).isEqualTo(1);
    assertThatThrownBy(() -> run("SELECT ?x { SERVICE <" + endpoint.url("/other")
        + "> { ?s ?p ?x } }", policy)).isInstanceOf(InputException.class)
        .hasMessageContaining(endpoint.url("/ok"));
    assertThat(endpoint.hits()).isEqualTo(1);
  }

  @Test
  void theExecutionContextRefusesAServiceTheStaticCheckNeverSaw() {
    // Straight to Jena, past the static check: the installed registry alone must refuse.
    String q = "SELECT * { VALUES ?e { <" + endpoint.url("/late") + "> } SERVICE ?e { ?s ?p ?o } }";
    QueryGuard guard = new QueryGuard(QueryPolicy.closed());
    Txn.executeRead(dsg, () -> {
      try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(dsg)).query(q)
          .set(ARQConstants.registryServiceExecutors, guard.serviceRegistry()).build()) {
        assertThatThrownBy(() -> qe.execSelect().forEachRemaining(r -> { }))
            .isInstanceOf(QueryExecException.class).hasMessageContaining("allow_service");
      }
    });
    assertThat(endpoint.hits()).isZero();
  }

  @Test
  void fromAndFromNamedNeverLoadAFileOrUrl() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret.ttl"),
        "<urn:secret> <urn:p> \"" + LoopbackEndpoint.MARKER + "\" .\n");
    String fileIri = secret.toUri().toString();
    String out = run("SELECT * FROM <" + fileIri + "> FROM <" + endpoint.url("/g.ttl") + ">"
        + " { ?s ?p ?o }", QueryPolicy.closed())
        + run("SELECT * FROM NAMED <" + fileIri + "> FROM NAMED <" + endpoint.url("/n.ttl")
        + "> { GRAPH ?g { ?s ?p ?o } }", QueryPolicy.closed());
    assertThat(out).doesNotContain(LoopbackEndpoint.MARKER);
    assertThat(endpoint.hits()).isZero();
  }

  @Test
  void javaFunctionsAndPropertyFunctionsAreRefusedBeforeJenaLoadsThem() {
    String cls = "java:org.distill4j.kb.query.Tripwire";
    assertThatThrownBy(() -> run("SELECT (<" + cls + ">(1) AS ?x) {}", QueryPolicy.closed()))
        .isInstanceOf(InputException.class).hasMessageContaining("function <" + cls + ">");
    assertThatThrownBy(() -> run("SELECT * { ?s <" + cls + "> ?o }", QueryPolicy.closed()))
        .isInstanceOf(InputException.class).hasMessageContaining("predicate <" + cls + ">");
    assertThatThrownBy(() -> run("SELECT * { ?s <urn:p>/<" + cls + ">* ?o }",
        QueryPolicy.closed())).isInstanceOf(InputException.class);
    assertThat(Tripwire.Loaded.FLAG).isFalse();
    // Jena's own afn: library stays usable.
    assertThat(run("PREFIX afn: <http://jena.apache.org/ARQ/function#>"
        + " SELECT (afn:localname(<urn:x#abc>) AS ?n) {}", QueryPolicy.closed())).contains("abc");
  }

  @Test
  void updatesAndJsonQueriesAreNotQueries() {
    assertThatThrownBy(() -> SparqlRunner.parse("LOAD <" + endpoint.url("/l.ttl") + ">", "q.rq"))
        .isInstanceOf(InputException.class).hasMessageStartingWith("q.rq:1:");
    assertThatThrownBy(() -> run("JSON { \"s\": ?s } WHERE { ?s ?p ?o }", QueryPolicy.closed()))
        .isInstanceOf(InputException.class).hasMessageContaining("JSON queries");
    assertThat(endpoint.hits()).isZero();
  }
}
