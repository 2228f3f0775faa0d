package org.distill4j.kb.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.distill4j.kb.store.RecordGraph;

/**
 * Checks records against the SHACL shapes in {@code shapes.ttl}. A whole batch is validated as
 * one graph (one validator run per batch, not per record) and each violation is traced back to
 * its record through the record IRI its focus node lives under. Thread-safe.
 */
public final class ShaclRecordValidator {
  private static final String SHAPES = "/org/distill4j/kb/vocabulary/shapes.ttl";

  private final Shapes shapes;

  public ShaclRecordValidator() {
    try (var in = ShaclRecordValidator.class.getResourceAsStream(SHAPES)) {
      if (in == null) {
        throw new IllegalStateException("the SHACL shapes " + SHAPES + " are missing from the jar");
      }
      Graph g = GraphFactory.createDefaultGraph();
      RDFParser.source(in).lang(Lang.TURTLE).parse(g);
      this.shapes = Shapes.parse(g);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the SHACL shapes " + SHAPES, e);
    }
  }

  /**
   * The violations of each record in {@code triplesById}, by record id; records that conform
   * are absent.
   */
  public Map<String, List<String>> violations(Map<String, List<Triple>> triplesById) {
    Graph g = GraphFactory.createDefaultGraph();
    triplesById.values().forEach(ts -> ts.forEach(g::add));
    ValidationReport report = ShaclValidator.get().validate(shapes, g);
    Map<String, List<String>> out = new HashMap<>();
    if (report.conforms()) {
      return out;
    }
    for (ReportEntry e : report.getEntries()) {
      String id = RecordGraph.idOf(e.focusNode());
      String path = e.resultPath() == null ? "" : e.resultPath().toString() + ": ";
      out.computeIfAbsent(id == null ? "?" : id, x -> new ArrayList<>())
          .add(path + e.message());
    }
    return out;
  }
}
