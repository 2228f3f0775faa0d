package org.distill4j.kb.vocabulary;

import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;

/**
 * The distill4j knowledge vocabulary: use these constants wherever a record is written to or read
 * from RDF, so that the store, the SHACL shapes ({@code shapes.ttl}) and the ontology
 * ({@code kd.ttl}) agree on one spelling of every term.
 */
public final class KD {
  /** The namespace of the vocabulary. */
  public static final String NS = "https://w3id.org/distill4j/kd#";

  /** The namespace of the data: records, runs, teachers and sources get IRIs below it. */
  public static final String DATA = "https://w3id.org/distill4j/kb/";

  /** The PROV-O namespace, for provenance. */
  public static final String PROV = "http://www.w3.org/ns/prov#";

  private KD() {}

  /** The namespace as a string. */
  public static String getURI() {
    return NS;
  }

  private static Resource resource(String local) {
    return ResourceFactory.createResource(NS + local);
  }

  private static Property property(String local) {
    return ResourceFactory.createProperty(NS + local);
  }

  private static Resource prov(String local) {
    return ResourceFactory.createResource(PROV + local);
  }

  private static Property provProperty(String local) {
    return ResourceFactory.createProperty(PROV + local);
  }

  /** A stored piece of distilled or imported knowledge; one per content id. */
  public static final Resource Record = resource("Record");

  /** A record holding a question and its answer. */
  public static final Resource QaPair = resource("QaPair");

  /** A record holding step-by-step reasoning with a final answer. */
  public static final Resource Rationale = resource("Rationale");

  /** A record comparing two entities over one adjective. */
  public static final Resource Comparative = resource("Comparative");

  /** A record holding an if-then (head, relation, tail) triple. */
  public static final Resource CommonsenseTriple = resource("CommonsenseTriple");

  /** A named numeric score a filter or critic gave a record. */
  public static final Resource Score = resource("Score");

  /** The verdict of one filter on a record. */
  public static final Resource Verdict = resource("Verdict");

  /** One reasoning step of a rationale, with its position. */
  public static final Resource Step = resource("Step");

  /** The content id of a record: 32 hex characters. */
  public static final Property id = property("id");

  /** The knowledge kind id: qa, rationale, comparative or triple. */
  public static final Property kind = property("kind");

  /** The relation a record states (an ATOMIC relation, an adjective, or the kind id). */
  public static final Property relation = property("relation");

  /** The record as one readable sentence, as indexed for search. */
  public static final Property text = property("text");

  /** The event of a triple. */
  public static final Property head = property("head");

  /** The inference of a triple. */
  public static final Property tail = property("tail");

  /** The question of a QA pair or a rationale. */
  public static final Property question = property("question");

  /** The answer of a QA pair or the final answer of a rationale. */
  public static final Property answer = property("answer");

  /** The passage a QA pair's answer comes from. */
  public static final Property context = property("context");

  /** One answer option of a multiple-choice rationale. */
  public static final Property choice = property("choice");

  /** Links a rationale to one of its steps. */
  public static final Property step = property("step");

  /** The zero-based position of a step within its rationale. */
  public static final Property position = property("position");

  /** The entity a comparative is about. */
  public static final Property subject = property("subject");

  /** The comparative adjective, e.g. heavier. */
  public static final Property adjective = property("adjective");

  /** The entity a comparative compares with. */
  public static final Property object = property("object");

  /** AFFIRMED or NEGATED. */
  public static final Property polarity = property("polarity");

  /** The comparative as a sentence. */
  public static final Property statement = property("statement");

  /** Links a record to one of its scores. */
  public static final Property hasScore = property("hasScore");

  /** The name of a score, e.g. critic. */
  public static final Property scoreName = property("scoreName");

  /** The value of a score, an xsd:double. */
  public static final Property scoreValue = property("scoreValue");

  /** Links a record to one of its filter verdicts. */
  public static final Property hasVerdict = property("hasVerdict");

  /** The name of the filter that gave a verdict. */
  public static final Property filter = property("filter");

  /** True when the filter kept the record. */
  public static final Property kept = property("kept");

  /** Why a filter rejected a record. */
  public static final Property reason = property("reason");

  /** The recipe id that produced a record. */
  public static final Property recipeId = property("recipeId");

  /** The recipe's declared version. */
  public static final Property recipeVersion = property("recipeVersion");

  /** SHA-256 of the recipe's canonical content. */
  public static final Property recipeHash = property("recipeHash");

  /** The reply-cache key of the teacher request. */
  public static final Property requestHash = property("requestHash");

  /** The user's own id of the seed or labelled row a record was made from. */
  public static final Property externalId = property("externalId");

  /** The question a record answers: its seed's id, or its seed file and line. */
  public static final Property seedId = property("seedId");

  /** Which of the n samples of one prompt, from 0. */
  public static final Property sampleIndex = property("sampleIndex");

  /** The provider of a teacher agent, e.g. openai. */
  public static final Property provider = property("provider");

  /** The model name of a teacher agent. */
  public static final Property model = property("model");

  /** The record as canonical JSON, so that export and index rebuilds lose nothing. */
  public static final Property json = property("json");

  /**
   * The sequence number of the last ingest batch the store committed; kept on the store's state
   * node in the journal graph, and compared with the one the text index committed.
   */
  public static final Property batchSeq = property("batchSeq");

  /** A generation run or import: a PROV activity. */
  public static final Resource Activity = prov("Activity");

  /** A teacher model: a PROV software agent. */
  public static final Resource SoftwareAgent = prov("SoftwareAgent");

  /** Anything with provenance: every record is one. */
  public static final Resource Entity = prov("Entity");

  /** The run (activity) that produced a record. */
  public static final Property wasGeneratedBy = provProperty("wasGeneratedBy");

  /** The teacher (agent) that wrote a record. */
  public static final Property wasAttributedTo = provProperty("wasAttributedTo");

  /** The resource a record was imported from. */
  public static final Property hadPrimarySource = provProperty("hadPrimarySource");

  /** When the teacher's reply arrived. */
  public static final Property generatedAtTime = provProperty("generatedAtTime");
}
