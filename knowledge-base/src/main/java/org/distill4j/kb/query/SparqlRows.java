package org.distill4j.kb.query;

import java.util.List;
import java.util.Map;

/**
 * The answer to a SPARQL SELECT, for Java callers: each row maps a variable name (without
 * {@code ?}) to its value, an IRI or a literal's lexical form; a variable unbound in a row is
 * absent from its map.
 *
 * @param variables the projected variables, in the query's order
 * @param rows the rows, at most the policy's cap
 * @param truncated whether the answer had more rows than the cap
 */
public record SparqlRows(List<String> variables, List<Map<String, String>> rows,
    boolean truncated) {
  public SparqlRows {
    variables = List.copyOf(variables);
    rows = List.copyOf(rows);
  }
}
