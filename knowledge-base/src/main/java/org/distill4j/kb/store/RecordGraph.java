package org.distill4j.kb.store;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.RDF;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.core.knowledge.Comparative;
import org.distill4j.core.knowledge.Knowledge;
import org.distill4j.core.knowledge.QaPair;
import org.distill4j.core.knowledge.Rationale;
import org.distill4j.kb.vocabulary.KD;

/**
 * The RDF form of a corpus record: use it to turn a record into the triples the store holds, and
 * to find the record a node belongs to. Every node a record owns (its scores, verdicts and steps)
 * has an IRI below the record's IRI, so deleting a record never needs blank-node bookkeeping.
 * Shared nodes (runs, teachers, sources) are never deleted with a record.
 */
public final class RecordGraph {
  private static final String RECORD_PREFIX = KD.DATA + "record/";
  /**
   * What separates a record's IRI from the IRIs of the parts it owns: a part of record {@code r}
   * has an IRI starting with {@code r + PART_SEPARATOR}. A remote store deletes parts by this rule.
   */
  public static final String PART_SEPARATOR = "/";

  private RecordGraph() {}

  /** The IRI node of the record with this content id. */
  public static Node subject(String id) {
    return NodeFactory.createURI(RECORD_PREFIX + id);
  }

  /** The content id of a record IRI, or null when the node is not a record (or a part of one). */
  public static String idOf(Node node) {
    if (!node.isURI() || !node.getURI().startsWith(RECORD_PREFIX)) {
      return null;
    }
    String rest = node.getURI().substring(RECORD_PREFIX.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  /** True when {@code node} is a part (score, verdict, step) of the record {@code subject}. */
  static boolean isPartOf(Node node, Node subject) {
    return node.isURI() && node.getURI().startsWith(subject.getURI() + PART_SEPARATOR);
  }

  /**
   * The triples of one record.
   *
   * @param record the record
   * @param json the record as canonical JSON, stored whole so that nothing is lost on export
   */
  public static List<Triple> triples(CorpusRecord record, String json) {
    Node s = subject(record.id());
    List<Triple> out = new ArrayList<>(24);
    out.add(Triple.create(s, RDF.type.asNode(), KD.Record.asNode()));
    out.add(Triple.create(s, RDF.type.asNode(), KD.Entity.asNode()));
    add(out, s, KD.id, record.id());
    add(out, s, KD.externalId, record.externalId());
    add(out, s, KD.kind, record.knowledge().kind().id());
    add(out, s, KD.relation, record.knowledge().relation());
    add(out, s, KD.text, record.knowledge().text());
    record.knowledge().accept(new KindTriples(out, s));
    scores(out, s, record.scores());
    verdicts(out, s, record.verdicts());
    provenance(out, s, record.provenance());
    add(out, s, KD.json, json);
    return out;
  }

  /** The triples only one kind has; a new kind does not compile here until it has its own. */
  private record KindTriples(List<Triple> out, Node s) implements Knowledge.Visitor<Void> {
    @Override
    public Void triple(CommonsenseTriple t) {
      type(out, s, KD.CommonsenseTriple);
      add(out, s, KD.head, t.head());
      add(out, s, KD.tail, t.tail());
      return null;
    }

    @Override
    public Void qa(QaPair q) {
      type(out, s, KD.QaPair);
      add(out, s, KD.question, q.question());
      add(out, s, KD.answer, q.answer());
      add(out, s, KD.context, q.context());
      return null;
    }

    @Override
    public Void rationale(Rationale r) {
      type(out, s, KD.Rationale);
      add(out, s, KD.question, r.question());
      add(out, s, KD.answer, r.answer());
      r.choices().forEach(c -> add(out, s, KD.choice, c));
      for (int i = 0; i < r.steps().size(); i++) {
        Node step = NodeFactory.createURI(s.getURI() + "/step/" + i);
        out.add(Triple.create(s, KD.step.asNode(), step));
        out.add(Triple.create(step, RDF.type.asNode(), KD.Step.asNode()));
        out.add(Triple.create(step, KD.position.asNode(), integer(i)));
        add(out, step, KD.text, r.steps().get(i));
      }
      return null;
    }

    @Override
    public Void comparative(Comparative c) {
      type(out, s, KD.Comparative);
      add(out, s, KD.subject, c.subject());
      add(out, s, KD.adjective, c.adjective());
      add(out, s, KD.object, c.object());
      add(out, s, KD.polarity, c.polarity().name());
      add(out, s, KD.statement, c.statement());
      return null;
    }
  }

  private static void scores(List<Triple> out, Node s, Map<String, Double> scores) {
    for (Map.Entry<String, Double> e : scores.entrySet()) {
      Node score = NodeFactory.createURI(s.getURI() + "/score/" + encode(e.getKey()));
      out.add(Triple.create(s, KD.hasScore.asNode(), score));
      out.add(Triple.create(score, RDF.type.asNode(), KD.Score.asNode()));
      add(out, score, KD.scoreName, e.getKey());
      out.add(Triple.create(score, KD.scoreValue.asNode(),
          NodeFactory.createLiteralDT(Double.toString(e.getValue()), XSDDatatype.XSDdouble)));
    }
  }

  private static void verdicts(List<Triple> out, Node s, List<Verdict> verdicts) {
    for (int i = 0; i < verdicts.size(); i++) {
      Verdict v = verdicts.get(i);
      Node node = NodeFactory.createURI(s.getURI() + "/verdict/" + i);
      out.add(Triple.create(s, KD.hasVerdict.asNode(), node));
      out.add(Triple.create(node, RDF.type.asNode(), KD.Verdict.asNode()));
      add(out, node, KD.filter, v.filter());
      out.add(Triple.create(node, KD.kept.asNode(),
          NodeFactory.createLiteralDT(Boolean.toString(v.kept()), XSDDatatype.XSDboolean)));
      if (v instanceof Verdict.Rejected r) {
        add(out, node, KD.reason, r.reason());
      }
    }
  }

  private static void provenance(List<Triple> out, Node s, Provenance p) {
    if (p.runId() != null) {
      Node run = NodeFactory.createURI(KD.DATA + "run/" + encode(p.runId()));
      out.add(Triple.create(s, KD.wasGeneratedBy.asNode(), run));
      out.add(Triple.create(run, RDF.type.asNode(), KD.Activity.asNode()));
    }
    if (p.teacherModel() != null || p.teacherProvider() != null) {
      String provider = p.teacherProvider() == null ? "unknown" : p.teacherProvider();
      String model = p.teacherModel() == null ? "unknown" : p.teacherModel();
      Node agent = NodeFactory.createURI(
          KD.DATA + "teacher/" + encode(provider) + "/" + encode(model));
      out.add(Triple.create(s, KD.wasAttributedTo.asNode(), agent));
      out.add(Triple.create(agent, RDF.type.asNode(), KD.SoftwareAgent.asNode()));
      add(out, agent, KD.provider, provider);
      add(out, agent, KD.model, model);
    }
    if (p.source() != null) {
      out.add(Triple.create(s, KD.hadPrimarySource.asNode(),
          NodeFactory.createURI(KD.DATA + "source/" + encode(p.source()))));
    }
    if (p.createdAt() != null) {
      out.add(Triple.create(s, KD.generatedAtTime.asNode(),
          NodeFactory.createLiteralDT(p.createdAt().toString(), XSDDatatype.XSDdateTime)));
    }
    add(out, s, KD.recipeId, p.recipeId());
    add(out, s, KD.recipeVersion, p.recipeVersion());
    add(out, s, KD.recipeHash, p.recipeHash());
    add(out, s, KD.requestHash, p.requestHash());
    add(out, s, KD.seedId, p.seedId());
    if (p.sampleIndex() != null) {
      out.add(Triple.create(s, KD.sampleIndex.asNode(), integer(p.sampleIndex())));
    }
  }

  private static Node integer(long value) {
    return NodeFactory.createLiteralDT(Long.toString(value), XSDDatatype.XSDinteger);
  }

  private static void type(List<Triple> out, Node s, Resource type) {
    out.add(Triple.create(s, RDF.type.asNode(), type.asNode()));
  }

  private static void add(List<Triple> out, Node s, Property p, String value) {
    if (value != null) {
      out.add(Triple.create(s, p.asNode(), NodeFactory.createLiteralString(value)));
    }
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}
