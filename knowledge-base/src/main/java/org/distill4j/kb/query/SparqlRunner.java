package org.distill4j.kb.query;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.distill4j.core.io.InputException;

/**
 * Runs one read-only SPARQL query against a store inside a read transaction and writes the
 * result: SELECT as a table, SPARQL JSON or CSV; ASK as {@code true}/{@code false} (JSON for
 * the json format); CONSTRUCT and DESCRIBE as Turtle (JSON-LD for the json format). Queries that
 * update are refused: use ingest for writes.
 */
public final class SparqlRunner {
  private final DatasetGraph dataset;
  private final Duration timeout;

  /**
   * @param dataset the store's dataset
   * @param timeout the longest a query may run; it is cancelled after that
   */
  public SparqlRunner(DatasetGraph dataset, Duration timeout) {
    this.dataset = dataset;
    this.timeout = timeout;
  }

  /**
   * Parses {@code sparql}.
   *
   * @throws InputException naming {@code origin} with the parser's line and column
   */
  public static Query parse(String sparql, String origin) {
    try {
      return QueryFactory.create(sparql);
    } catch (QueryParseException e) {
      // Jena appends every token it could have accepted; the first line says what is wrong.
      String message = e.getMessage() == null ? "unparseable query" : e.getMessage();
      int nl = message.indexOf('\n');
      throw new InputException(origin + ":" + Math.max(1, e.getLine()) + ": "
          + (nl < 0 ? message : message.substring(0, nl)).strip());
    }
  }

  /** Runs {@code query} and writes its result in {@code format} to {@code out}. */
  public void run(Query query, SparqlFormat format, OutputStream out) {
    Dataset ds = DatasetFactory.wrap(dataset);
    Txn.executeRead(dataset, () -> {
      try (QueryExecution qe = QueryExecution.dataset(ds).query(query)
          .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build()) {
        if (query.isSelectType()) {
          switch (format) {
            case TABLE -> ResultSetFormatter.out(out, qe.execSelect(), query.getPrologue());
            case JSON -> ResultSetFormatter.outputAsJSON(out, qe.execSelect());
            case CSV -> ResultSetFormatter.outputAsCSV(out, qe.execSelect());
          }
        } else if (query.isAskType()) {
          boolean answer = qe.execAsk();
          if (format == SparqlFormat.JSON) {
            ResultSetFormatter.outputAsJSON(out, answer);
          } else {
            PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
            p.println(answer);
            p.flush();
          }
        } else {
          Model m = query.isConstructType() ? qe.execConstruct() : qe.execDescribe();
          RDFDataMgr.write(out, m, format == SparqlFormat.JSON ? Lang.JSONLD : Lang.TURTLE);
        }
      } catch (QueryCancelledException e) {
        throw new IllegalStateException("the query ran longer than " + timeout.toMillis()
            + " ms and was cancelled; narrow it or raise --timeout", e);
      }
    });
  }
}
