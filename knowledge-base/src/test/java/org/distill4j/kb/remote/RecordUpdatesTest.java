package org.distill4j.kb.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.kb.store.RecordGraph;
import org.junit.jupiter.api.Test;

/** The text sent to a server carries any record text as data, never as syntax. */
public class RecordUpdatesTest {
  /** A record whose text and provenance try to end a literal, an IRI and the request. */
  public static final CorpusRecord HOSTILE = CorpusRecord.of(new QaPair(
      "What does \"} ; DROP ALL ; INSERT DATA { <a> <b> <c> } #\n do?", "Nothing: it is text\t"
          + "with ünïcödé, a \\ backslash and a line\nbreak.", null),
      Provenance.builder().runId("run \"1\" > 0").teacherModel("m<o>del").build())
      .withScore("critic\"}", 0.25);

  @Test
  void triplesRoundTripThroughTheNTriplesText() throws Exception {
    List<Triple> triples = RecordGraph.triples(HOSTILE, CorpusJson.json()
        .writeValueAsString(HOSTILE));
    Graph expected = GraphFactory.createDefaultGraph();
    triples.forEach(expected::add);
    Graph parsed = GraphFactory.createDefaultGraph();
    RDFParser.fromString(RecordUpdates.ntriples(List.of(triples)), Lang.NTRIPLES).parse(parsed);
    assertThat(parsed.isIsomorphicWith(expected)).isTrue();
  }

  @Test
  void theDeleteAndTheLookupParseAndNameOnlyTheRecords() {
    UpdateRequest delete = UpdateFactory.create(RecordUpdates.delete(
        List.of(HOSTILE.id(), "0123")));
    assertThat(delete.getOperations()).hasSize(2);
    assertThat(delete.toString()).contains(RecordGraph.subject(HOSTILE.id()).getURI())
        .doesNotContain("DROP");
    assertThat(QueryFactory.create(RecordUpdates.hashes(List.of(HOSTILE.id()))).isSelectType())
        .isTrue();
    assertThat(RemoteStore.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
