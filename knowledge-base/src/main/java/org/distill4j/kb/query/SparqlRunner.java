package org.distill4j.kb.query;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.graph.Node;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.system.Txn;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;

/**
 * Runs one read-only SPARQL query against a store inside a read transaction and writes the
 * result: SELECT as a table, SPARQL JSON or CSV; ASK as {@code true}/{@code false} (JSON for
 * the json format); CONSTRUCT and DESCRIBE as Turtle (JSON-LD for the json format). Queries that
 * update are refused: use ingest for writes. The {@link QueryPolicy} decides which federated
 * endpoints may be called (none by default) and how many rows or triples are written; a cut
 * answer ends with a {@code # truncated} comment line in the table, CSV and Turtle forms (JSON
 * has no comments: the caller reports {@link SparqlOutcome#truncated()} elsewhere).
 *
 * <p>The same runner sends queries to a {@link QueryEndpoint} on another machine instead: the
 * guard, the row cap and the output formats are the same; the time limit becomes the HTTP
 * request's.
 */
public final class SparqlRunner {
  /** The local store, or null when queries go to {@link #endpoint}. */
  private final DatasetGraph dataset;
  private final QueryEndpoint endpoint;
  private final Duration timeout;
  private final QueryPolicy policy;
  private final QueryGuard guard;
  private final UnaryOperator<String> settingNames;

  /** A runner with {@link QueryPolicy#closed()}. */
  public SparqlRunner(DatasetGraph dataset, Duration timeout) {
    this(dataset, timeout, QueryPolicy.closed());
  }

  /**
   * @param dataset the store's dataset
   * @param timeout the longest a query may run; it is cancelled after that
   * @param policy the allowed service endpoints and the row cap
   */
  public SparqlRunner(DatasetGraph dataset, Duration timeout, QueryPolicy policy) {
    this(dataset, timeout, policy, UnaryOperator.identity());
  }

  /**
   * A runner whose output and errors spell the settings they name ({@code max_rows},
   * {@code timeout}) with {@code settingNames}, as the front end that runs it does.
   */
  public SparqlRunner(DatasetGraph dataset, Duration timeout, QueryPolicy policy,
      UnaryOperator<String> settingNames) {
    this(dataset, null, timeout, policy, settingNames);
  }

  /**
   * A runner that sends every query to {@code endpoint}, with the same policy, formats and
   * spelling as a local one.
   */
  public SparqlRunner(QueryEndpoint endpoint, Duration timeout, QueryPolicy policy,
      UnaryOperator<String> settingNames) {
    this(null, endpoint, timeout, policy, settingNames);
  }

  private SparqlRunner(DatasetGraph dataset, QueryEndpoint endpoint, Duration timeout,
      QueryPolicy policy, UnaryOperator<String> settingNames) {
    this.dataset = dataset;
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.policy = policy;
    this.guard = new QueryGuard(policy);
    this.settingNames = settingNames;
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

  /** Runs {@code query} (named "query" in errors) and writes its result. */
  public SparqlOutcome run(Query query, SparqlFormat format, OutputStream out) {
    return run(query, "query", format, out);
  }

  /**
   * Runs {@code query} and writes its result in {@code format} to {@code out}.
   *
   * @throws InputException naming {@code origin} when the policy refuses the query
   */
  public SparqlOutcome run(Query query, String origin, SparqlFormat format, OutputStream out) {
    return run(guard.guarded(query, origin), format, out);
  }

  /**
   * Runs a query already checked against this runner's policy (checked again when it was
   * another policy) and writes its result in {@code format} to {@code out}.
   */
  public SparqlOutcome run(GuardedQuery checked, SparqlFormat format, OutputStream out) {
    if (!checked.policy().equals(policy)) {
      return run(checked.query(), checked.origin(), format, out);
    }
    Query query = checked.query();
    String origin = checked.origin();
    if (query.isJsonType()) {
      throw new SettingException("format", origin + ": JSON queries (an ARQ extension) are not"
          + " supported; write a SELECT and use {setting} json");
    }
    Query capped = withLimit(query, policy.maxRows());
    return execute(capped, qe -> {
      if (query.isSelectType()) {
        return select(qe, query, format, out);
      } else if (query.isAskType()) {
        boolean answer = qe.execAsk();
        if (format == SparqlFormat.JSON) {
          ResultSetFormatter.outputAsJSON(out, answer);
        } else {
          PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
          p.println(answer);
          p.flush();
        }
        return new SparqlOutcome(1, false);
      }
      return graph(query.isConstructType() ? qe.execConstruct() : qe.execDescribe(), format,
          out);
    });
  }

  /**
   * Runs {@code work} on an execution of {@code capped}: in a read transaction on the local
   * store, or as a request to the endpoint, whose failures are explained by it.
   */
  private <T> T execute(Query capped, Function<QueryExecution, T> work) {
    if (endpoint == null) {
      return Txn.calculateRead(dataset, () -> {
        try (QueryExecution qe = execution(capped)) {
          return work.apply(qe);
        } catch (QueryCancelledException e) {
          throw cancelled(e);
        }
      });
    }
    try (QueryExecution qe = endpoint.open(capped, timeout)) {
      return work.apply(qe);
    } catch (QueryCancelledException e) {
      throw cancelled(e);
    } catch (InputException e) {
      throw e;
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof java.net.http.HttpTimeoutException) {
          throw new IllegalStateException("the endpoint gave no answer within "
              + timeout.toMillis() + " ms; narrow the query or raise "
              + settingNames.apply("timeout"), e);
        }
      }
      throw endpoint.explain(e);
    }
  }

  /**
   * Runs a SELECT and returns its rows rather than writing them, under the same policy, row cap
   * and time limit.
   *
   * @throws InputException naming {@code origin} when the policy refuses the query or it is not
   *     a SELECT
   */
  public SparqlRows rows(Query query, String origin) {
    guard.check(query, origin);
    if (!query.isSelectType()) {
      throw new InputException(origin + ": rows come from a SELECT query; write ASK, CONSTRUCT"
          + " and DESCRIBE results with run(...)");
    }
    Query capped = withLimit(query, policy.maxRows());
    return execute(capped, qe -> {
      RowSet all = RowSet.adapt(qe.execSelect());
      List<String> names = all.getResultVars().stream().map(Var::getVarName).toList();
      RowCap<Binding> cap = RowCap.take(all, policy.maxRows());
      List<Map<String, String>> rows = new ArrayList<>(cap.kept().size());
      for (Binding b : cap.kept()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (Var v : all.getResultVars()) {
          Node n = b.get(v);
          if (n != null) {
            row.put(v.getVarName(), n.isLiteral() ? n.getLiteralLexicalForm()
                : n.isURI() ? n.getURI() : n.toString());
          }
        }
        rows.add(row);
      }
      return new SparqlRows(names, rows, cap.truncated());
    });
  }

  private QueryExecution execution(Query capped) {
    return QueryExecution.dataset(DatasetFactory.wrap(dataset)).query(capped)
        .set(ARQConstants.registryServiceExecutors, guard.serviceRegistry())
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).build();
  }

  private IllegalStateException cancelled(QueryCancelledException e) {
    return new IllegalStateException("the query ran longer than " + timeout.toMillis()
        + " ms and was cancelled; narrow it or raise " + settingNames.apply("timeout"), e);
  }

  /**
   * The query asking for one row more than the cap, so the engine stops early and the extra row
   * shows that the answer was cut; a query whose own LIMIT is within the cap is kept as it is.
   */
  public static Query withLimit(Query query, int maxRows) {
    if (!query.isSelectType()
        || (query.hasLimit() && query.getLimit() <= maxRows)) {
      return query;
    }
    Query copy = query.cloneQuery();
    copy.setLimit(maxRows + 1L);
    return copy;
  }

  private SparqlOutcome select(QueryExecution qe, Query query, SparqlFormat format,
      OutputStream out) {
    RowSet all = RowSet.adapt(qe.execSelect());
    RowCap<Binding> cap = RowCap.take(all, policy.maxRows());
    List<Binding> rows = cap.kept();
    boolean truncated = cap.truncated();
    ResultSet kept = ResultSet.adapt(RowSetStream.create(all.getResultVars(), rows.iterator()));
    switch (format) {
      case TABLE -> ResultSetFormatter.out(out, kept, query.getPrologue());
      case JSON -> ResultSetFormatter.outputAsJSON(out, kept);
      case CSV -> ResultSetFormatter.outputAsCSV(out, kept);
    }
    if (truncated && format != SparqlFormat.JSON) {
      marker(out);
    }
    return new SparqlOutcome(rows.size(), truncated);
  }

  private SparqlOutcome graph(Model model, SparqlFormat format, OutputStream out) {
    // CONSTRUCT and DESCRIBE build their whole graph in memory; the cap bounds what is sent.
    RowCap<Statement> cap = RowCap.take(model.listStatements(), policy.maxRows());
    boolean truncated = cap.truncated();
    Model kept = model;
    if (truncated) {
      kept = ModelFactory.createDefaultModel().setNsPrefixes(model.getNsPrefixMap());
      kept.add(cap.kept());
    }
    RDFDataMgr.write(out, kept, format == SparqlFormat.JSON ? Lang.JSONLD : Lang.TURTLE);
    if (truncated && format != SparqlFormat.JSON) {
      marker(out);
    }
    return new SparqlOutcome(kept.size(), truncated);
  }

  private void marker(OutputStream out) {
    PrintStream p = new PrintStream(out, true, StandardCharsets.UTF_8);
    p.println(truncationNote(policy.maxRows(), settingNames));
    p.flush();
  }

  /** The line that says an answer was cut and how to get more. */
  public static String truncationNote(int maxRows, UnaryOperator<String> settingNames) {
    return "# truncated at " + maxRows + " rows; raise the cap with "
        + settingNames.apply("max_rows") + " or narrow the"
        + " query (LIMIT/OFFSET)";
  }
}
