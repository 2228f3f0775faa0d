/**
 * Serving a knowledge base over HTTP: embedded Fuseki for read-only SPARQL with a query time
 * limit, the query guard and a row cap, a JSON search endpoint with row and byte caps, a Host
 * check on loopback binds (DNS rebinding), and a bearer-token guard for non-loopback addresses.
 *
 * <p>May import: {@code org.distill4j.core}, {@code kb.ingest}, {@code kb.query}, {@code kb.search},
 * Jena/Fuseki, Jetty, the servlet API and Jackson. Messages name settings through the
 * spelling the starting front end passes in.
 */
package org.distill4j.kb.serve;
