package org.distill4j.kb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.graph.GraphFactory;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.kb.ingest.Ingest;
import org.distill4j.kb.ingest.IngestJob;
import org.distill4j.kb.ingest.IngestOutcome;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.query.QueryPolicy;
import org.distill4j.kb.query.SparqlRows;
import org.distill4j.kb.query.SparqlRunner;
import org.distill4j.kb.remote.RemoteEndpoint;
import org.distill4j.kb.remote.RecordUpdatesTest;
import org.distill4j.kb.remote.RemoteStore;
import org.distill4j.kb.store.RecordGraph;
import org.distill4j.kb.testing.FusekiProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingest into a real Fuseki server in a child JVM: counts, idempotency, replacement. */
class RemoteStoreIT {
  static final String KD = "PREFIX kd: <https://w3id.org/distill4j/kd#> ";
  private static final int RECORDS = 230;

  @TempDir Path tmp;

  static IngestJob job(Path tmp, int batch) {
    return IngestJob.defaults().withBatchSize(batch).withVectors(false)
        .withRejects(tmp.resolve("rejected.jsonl"));
  }

  /** The triples a store holding exactly {@code records} has, as RecordGraph makes them. */
  static Graph expectedGraph(List<CorpusRecord> records) throws Exception {
    Graph g = GraphFactory.createDefaultGraph();
    for (CorpusRecord r : records) {
      RecordGraph.triples(r, CorpusJson.json().writeValueAsString(r)).forEach(g::add);
    }
    return g;
  }

  /**
   * {@code g} with every double written as Java writes it: TDB2 keeps doubles in canonical form
   * ({@code "0.8"} reads back as {@code "0.8e0"}), so graphs are compared by value there.
   */
  static Graph byValue(Graph g) {
    Graph out = GraphFactory.createDefaultGraph();
    g.find().forEachRemaining(t -> {
      Node o = t.getObject();
      if (o.isLiteral() && XSDDatatype.XSDdouble.equals(o.getLiteralDatatype())) {
        o = NodeFactory.createLiteralDT(
            Double.toString(Double.parseDouble(o.getLiteralLexicalForm())), XSDDatatype.XSDdouble);
      }
      out.add(Triple.create(t.getSubject(), t.getPredicate(), o));
    });
    return out;
  }

  /** Whether the server holds exactly the triples of {@code records}, compared by value. */
  static boolean holdsExactly(RemoteStore store, List<CorpusRecord> records) throws Exception {
    return byValue(serverGraph(store)).isIsomorphicWith(byValue(expectedGraph(records)));
  }

  static SparqlRows select(RemoteStore store, String sparql) {
    return new SparqlRunner(store, Duration.ofSeconds(30), QueryPolicy.closed(),
        UnaryOperator.identity()).rows(SparqlRunner.parse(sparql, "test"), "test");
  }

  private static Map<String, Double> scores(RemoteStore store, String sparql) {
    Map<String, Double> out = new TreeMap<>();
    select(store, sparql).rows().forEach(
        row -> out.put(row.get("name"), Double.parseDouble(row.get("value"))));
    return out;
  }

  static Graph serverGraph(RemoteStore store) {
    try (QueryExecution qe = store.open(SparqlRunner.parse(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "test"), Duration.ofSeconds(30))) {
      return qe.execConstruct().getGraph();
    }
  }

  @Test
  void ingestsEveryKindOnceAndAgainChangesNothing() throws Exception {
    List<CorpusRecord> records = Fixtures.records(RECORDS);
    Path corpus = Fixtures.write(tmp.resolve("corpus.jsonl"), records);
    try (FusekiProcess fuseki = FusekiProcess.start(tmp)) {
      RemoteEndpoint endpoint = RemoteEndpoint.open(fuseki.datasetUrl());
      RemoteStore store = RemoteStore.connect(endpoint);

      IngestOutcome first = Ingest.remote(endpoint, List.of(corpus), job(tmp, 50));
      assertThat(first.report()).isEqualTo(new IngestReport(RECORDS, RECORDS, 0, 0, 0, 0, 5, 0));
      assertThat(first.summary().get(0)).startsWith(fuseki.datasetUrl() + ": read 230: added 230");
      assertThat(store.recordCount()).isEqualTo(RECORDS);
      SparqlRows kinds = select(store, KD + "SELECT ?kind (COUNT(?r) AS ?n)"
          + " WHERE { ?r a kd:Record ; kd:kind ?kind } GROUP BY ?kind");
      Map<String, String> perKind = new TreeMap<>();
      kinds.rows().forEach(row -> perKind.put(row.get("kind"), row.get("n")));
      Map<String, String> expected = records.stream().collect(Collectors.groupingBy(
          r -> r.knowledge().kind().id(), TreeMap::new,
          Collectors.collectingAndThen(Collectors.counting(), String::valueOf)));
      assertThat(perKind).hasSize(4).isEqualTo(expected);
      // Exactly the triples a local store holds: the same RDF mapping, nothing more or less.
      assertThat(holdsExactly(store, records)).isTrue();
      long triples = store.tripleCount();
      assertThat(triples).isEqualTo(expectedGraph(records).size());

      IngestOutcome again = Ingest.remote(endpoint, List.of(corpus), job(tmp, 50));
      assertThat(again.report()).isEqualTo(new IngestReport(RECORDS, 0, 0, RECORDS, 0, 0, 0, 0));
      assertThat(store.tripleCount()).isEqualTo(triples);
    }
  }

  @Test
  void aChangedRecordReplacesItsOldTriplesAndPartsItNoLongerHas() throws Exception {
    List<CorpusRecord> records = new ArrayList<>(Fixtures.records(40));
    // Text that would end a literal or the request if it were not escaped.
    records.add(RecordUpdatesTest.HOSTILE);
    Path corpus = Fixtures.write(tmp.resolve("corpus.jsonl"), records);
    // A rationale: it owns steps, a score and a verdict, all nodes under its IRI.
    CorpusRecord original = records.get(8);
    assertThat(original.knowledge().kind().id()).isEqualTo("rationale");
    CorpusRecord rescored = original.withScore("critic", 0.123).withScore("judge", 0.5);
    try (FusekiProcess fuseki = FusekiProcess.start(tmp)) {
      RemoteEndpoint endpoint = RemoteEndpoint.open(fuseki.datasetUrl());
      RemoteStore store = RemoteStore.connect(endpoint);
      Ingest.remote(endpoint, List.of(corpus), job(tmp, 16));
      long triples = store.tripleCount();

      Path changed = Fixtures.write(tmp.resolve("changed.jsonl"), List.of(rescored));
      IngestReport update = Ingest.remote(endpoint, List.of(changed), job(tmp, 16)).report();
      assertThat(update.updated()).isEqualTo(1);
      assertThat(update.added() + update.unchanged()).isZero();
      String scores = KD + "SELECT ?name ?value WHERE { <" + RecordGraph.subject(original.id())
          .getURI() + "> kd:hasScore ?s . ?s kd:scoreName ?name ; kd:scoreValue ?value }"
          + " ORDER BY ?name";
      assertThat(scores(store, scores)).containsExactly(entry("critic", 0.123), entry("judge", 0.5));
      // One more score: its node, its type, its name, its value.
      assertThat(store.tripleCount()).isEqualTo(triples + 4);

      // Back to the original: the judge score's node goes with all its triples.
      IngestReport back = Ingest.remote(endpoint, List.of(corpus), job(tmp, 16)).report();
      assertThat(back.updated()).isEqualTo(1);
      assertThat(back.unchanged()).isEqualTo(records.size() - 1);
      assertThat(scores(store, scores))
          .containsExactly(entry("critic", original.scores().get("critic")));
      assertThat(store.tripleCount()).isEqualTo(triples);
      assertThat(holdsExactly(store, records)).isTrue();
    }
  }
}
