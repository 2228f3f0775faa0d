/**
 * SPARQL over the RDF store: parsing with line-numbered errors, the guard that keeps a query
 * inside the store (no SERVICE unless allowed, no java: class loading), time limits, row caps
 * and result formats.
 */
package org.distill4j.kb.query;
