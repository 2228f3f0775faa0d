/**
 * The RDF store on another machine: a SPARQL server such as Fuseki, reached over HTTP with the
 * SPARQL 1.1 Protocol. {@link org.distill4j.kb.remote.RemoteEndpoint} says where and how to
 * authenticate; {@link org.distill4j.kb.remote.RemoteStore} compares records with what the server
 * holds, replaces changed ones in one SPARQL Update per batch, and opens queries for
 * {@code kb.query}'s runner. Records keep the RDF form {@code kb.store.RecordGraph} gives them,
 * so a query written for a local store runs unchanged on the server.
 *
 * <p>May import: {@code org.distill4j.core}, {@code kb.query} (the endpoint contract),
 * {@code kb.store}, {@code kb.vocabulary} and Jena; never {@code kb.ingest}, which drives it.
 */
package org.distill4j.kb.remote;
