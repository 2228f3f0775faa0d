/**
 * Serving a knowledge base over HTTP: embedded Fuseki for read-only SPARQL with a query time
 * limit, a JSON search endpoint, and a bearer-token guard for non-loopback addresses.
 */
package org.distill4j.kb.serve;
