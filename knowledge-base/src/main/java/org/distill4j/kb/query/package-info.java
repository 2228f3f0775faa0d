/** SPARQL over the RDF store: parsing with line-numbered errors, time limits, result formats. */
package org.distill4j.kb.query;
