package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.distill4j.core.io.InputException;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestOutcome;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.query.QueryPolicy;
import org.distill4j.kb.query.SparqlFormat;
import org.distill4j.kb.query.SparqlRunner;
import org.distill4j.kb.remote.RemoteEndpoint;
import org.distill4j.kb.remote.RemoteStore;
import org.distill4j.kb.testing.FusekiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same queries on a local knowledge base and on Fuseki holding the same records. */
class RemoteSparqlIT {
  private static final String PER_RELATION = RemoteStoreIT.KD
      + "SELECT ?kind ?rel (COUNT(?r) AS ?n) (MAX(?v) AS ?best) WHERE { ?r kd:kind ?kind ;"
      + " kd:hasScore ?s . ?s kd:scoreValue ?v OPTIONAL { ?r kd:relation ?rel } }"
      + " GROUP BY ?kind ?rel ORDER BY ?kind ?rel";

  @TempDir Path tmp;

  private static String run(SparqlRunner runner, String sparql, SparqlFormat format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    runner.run(SparqlRunner.parse(sparql, "test"), format, out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static Graph turtle(String text) {
    Graph g = GraphFactory.createDefaultGraph();
    RDFParser.fromString(text, Lang.TURTLE).parse(g);
    return g;
  }

  @Test
  void everyFormatReadsTheSameFromBothAndTheRowCapHoldsRemotely() throws Exception {
    Path corpus = Fixtures.write(tmp.resolve("corpus.jsonl"), Fixtures.records(60));
    try (FusekiProcess fuseki = FusekiProcess.start(tmp)) {
      RemoteEndpoint endpoint = RemoteEndpoint.open(fuseki.datasetUrl());
      List<IngestOutcome> both = Ingest.localAndRemote(tmp.resolve("kb"), endpoint,
          List.of(corpus), RemoteStoreIT.job(tmp, 25));
      assertThat(both).extracting(o -> o.report().added()).containsExactly(60L, 60L);
      assertThat(both.get(1).summary().get(0)).startsWith(fuseki.datasetUrl() + ": read 60");
      Duration limit = Duration.ofSeconds(30);
      SparqlRunner remote = new SparqlRunner(RemoteStore.connect(endpoint), limit,
          QueryPolicy.closed(), UnaryOperator.identity());
      try (KnowledgeBase kb = KnowledgeBase.open(tmp.resolve("kb"))) {
        SparqlRunner local = new SparqlRunner(kb.store().dataset(), limit);
        for (SparqlFormat format : SparqlFormat.values()) {
          String fromServer = run(remote, PER_RELATION, format);
          assertThat(fromServer).as(format.name()).isEqualTo(run(local, PER_RELATION, format));
          assertThat(fromServer).as(format.name()).contains("xIntent");
        }
        String ask = RemoteStoreIT.KD + "ASK { ?r kd:kind \"comparative\" }";
        assertThat(run(remote, ask, SparqlFormat.TABLE)).isEqualToNormalizingNewlines("true\n");
        assertThat(run(remote, ask, SparqlFormat.JSON)).isEqualTo(run(local, ask,
            SparqlFormat.JSON));
        String construct = RemoteStoreIT.KD
            + "CONSTRUCT { ?r kd:text ?t } WHERE { ?r kd:kind \"qa\" ; kd:text ?t }";
        Graph fromServer = turtle(run(remote, construct, SparqlFormat.TABLE));
        assertThat(fromServer.size()).isEqualTo(6);
        assertThat(fromServer.isIsomorphicWith(turtle(run(local, construct, SparqlFormat.TABLE))))
            .isTrue();
      }

      SparqlRunner capped = new SparqlRunner(RemoteStore.connect(endpoint), limit,
          new QueryPolicy(Set.of(), 7), UnaryOperator.identity());
      String csv = run(capped, RemoteStoreIT.KD + "SELECT ?r WHERE { ?r a kd:Record }",
          SparqlFormat.CSV);
      assertThat(csv.lines()).hasSize(1 + 7 + 1).last().asString().startsWith("# truncated at 7");
      // The guard runs before anything is sent: a SERVICE call is refused here too.
      assertThatThrownBy(() -> run(remote, "SELECT * { SERVICE <http://example.org/sparql>"
          + " { ?s ?p ?o } }", SparqlFormat.TABLE)).isInstanceOf(InputException.class)
          .hasMessageContaining("SERVICE");
    }
  }
}
