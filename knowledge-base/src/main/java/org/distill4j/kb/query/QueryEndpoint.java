package org.distill4j.kb.query;

import java.time.Duration;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;

/**
 * A SPARQL query service on another machine, for a {@link SparqlRunner} that writes its answers
 * exactly as it writes a local store's ({@code kb.remote.RemoteStore} is one).
 */
public interface QueryEndpoint {
  /** An execution of {@code query} at the endpoint, given up after {@code timeout}. */
  QueryExecution open(Query query, Duration timeout);

  /**
   * {@code failure} of a query as the user should read it (the endpoint, the HTTP status, what
   * the server said); a failure it does not know is returned as it is.
   */
  RuntimeException explain(RuntimeException failure);
}
