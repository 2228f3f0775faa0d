/**
 * The RDF vocabulary of the knowledge base: the {@link org.distill4j.kb.vocabulary.KD} constants,
 * the ontology {@code kd.ttl} and the SHACL shapes {@code shapes.ttl} every ingest is checked
 * against. Provenance uses PROV-O terms; scores are {@code xsd:double} literals.
 *
 * <p>May import: Jena only.
 */
package org.distill4j.kb.vocabulary;
