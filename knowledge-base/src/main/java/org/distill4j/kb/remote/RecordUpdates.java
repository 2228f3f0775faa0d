package org.distill4j.kb.remote;

import java.util.Collection;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;
import org.distill4j.kb.store.RecordGraph;
import org.distill4j.kb.vocabulary.KD;

/**
 * The text a remote store receives for a batch of records. Terms are written in their N-Triples
 * form, which escapes every literal, so no record text can change a request's meaning.
 */
final class RecordUpdates {
  private RecordUpdates() {}

  /**
   * A SELECT of the SHA-256 of each record's stored {@code kd:json}, as {@code ?r ?h}: hashes
   * rather than the JSON itself, so the answer stays small however large the records are.
   */
  static String hashes(Collection<String> ids) {
    StringBuilder q = new StringBuilder(64 + ids.size() * 96);
    q.append("SELECT ?r (SHA256(?json) AS ?h) WHERE {\n");
    values(q, ids);
    q.append("  ?r ").append(NodeFmtLib.strNT(KD.json.asNode())).append(" ?json\n}\n");
    return q.toString();
  }

  /**
   * One SPARQL Update that deletes the records {@code ids}: the triples of every part each one
   * owns (a node under its IRI, see {@link RecordGraph#PART_SEPARATOR}), then the record's own
   * triples. Shared nodes (runs, teachers, sources) are never deleted. A server that runs one
   * request in one transaction (Fuseki does) deletes all of it or none.
   */
  static String delete(Collection<String> ids) {
    StringBuilder u = new StringBuilder(512 + ids.size() * 192);
    u.append("DELETE { ?part ?pp ?po } WHERE {\n");
    values(u, ids);
    u.append("  ?r ?p ?part .\n  FILTER(isIRI(?part) && STRSTARTS(STR(?part), CONCAT(STR(?r), ")
        .append(NodeFmtLib.strNT(NodeFactory.createLiteralString(RecordGraph.PART_SEPARATOR)))
        .append(")))\n  ?part ?pp ?po\n} ;\n");
    u.append("DELETE { ?r ?p ?o } WHERE {\n");
    values(u, ids);
    return u.append("  ?r ?p ?o\n}\n").toString();
  }

  /** The triples as an N-Triples document, for a Graph Store Protocol POST. */
  static String ntriples(Collection<List<Triple>> triples) {
    int n = triples.stream().mapToInt(List::size).sum();
    StringBuilder out = new StringBuilder(n * 160);
    for (List<Triple> ts : triples) {
      for (Triple t : ts) {
        out.append(NodeFmtLib.strNT(t.getSubject())).append(' ')
            .append(NodeFmtLib.strNT(t.getPredicate())).append(' ')
            .append(NodeFmtLib.strNT(t.getObject())).append(" .\n");
      }
    }
    return out.toString();
  }

  private static void values(StringBuilder out, Collection<String> ids) {
    out.append("  VALUES ?r {");
    for (String id : ids) {
      out.append(' ').append(NodeFmtLib.strNT(RecordGraph.subject(id)));
    }
    out.append(" }\n");
  }
}
