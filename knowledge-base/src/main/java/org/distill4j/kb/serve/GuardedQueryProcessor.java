package org.distill4j.kb.serve;

import java.util.Iterator;
import java.util.List;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;
import java.util.function.UnaryOperator;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.kb.query.QueryGuard;
import org.distill4j.kb.query.QueryPolicy;
import org.distill4j.kb.query.RowCap;
import org.distill4j.kb.query.SparqlRunner;

/**
 * Fuseki's query operation with the knowledge base's rules: a query the {@link QueryGuard}
 * refuses gets 400 with the reason (before anything runs, so nothing fetched can be in it), and
 * an answer longer than the row cap is cut at the cap with the {@value #TRUNCATED_HEADER} header
 * saying so. SPARQL result formats have no place for such a flag, hence the header.
 */
final class GuardedQueryProcessor extends SPARQL_QueryDataset {
  /** Present, with the cap as {@code max-rows=N}, on an answer that was cut. */
  static final String TRUNCATED_HEADER = "X-Distill4j-Truncated";

  private final QueryGuard guard;
  private final int maxRows;

  private final UnaryOperator<String> settingNames;

  GuardedQueryProcessor(QueryPolicy policy, UnaryOperator<String> settingNames) {
    this.guard = new QueryGuard(policy);
    this.maxRows = policy.maxRows();
    this.settingNames = settingNames;
  }

  @Override
  protected void validateQuery(HttpAction action, Query query) {
    try {
      guard.check(query, "query");
    } catch (SettingException e) {
      ServletOps.errorBadRequest(e.renderedAs(settingNames));
    } catch (InputException e) {
      ServletOps.errorBadRequest(e.getMessage());
    }
  }

  @Override
  protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
    return super.createQueryExec(action, SparqlRunner.withLimit(query, maxRows), dataset);
  }

  @Override
  protected QueryExecResult executeQuery(HttpAction action, QueryExec queryExec,
      Query requestQuery, String queryStringLog) {
    QueryExecResult result = super.executeQuery(action, queryExec, requestQuery, queryStringLog);
    // Each answer is read up to one item past the cap while no byte has been sent yet, so the
    // header can still say that it was cut.
    if (result.isRowSet()) {
      RowSet all = result.rowSet();
      List<Binding> rows = take(all, action);
      return new QueryExecResult(RowSetStream.create(all.getResultVars(), rows.iterator()));
    }
    if (result.isGraph()) {
      Graph kept = GraphFactory.createDefaultGraph();
      kept.getPrefixMapping().setNsPrefixes(result.graph().getPrefixMapping());
      List<Triple> triples = take(result.graph().find(), action);
      triples.forEach(kept::add);
      return new QueryExecResult(kept);
    }
    if (result.isDataset()) {
      DatasetGraph kept = DatasetGraphFactory.createGeneral();
      kept.prefixes().putAll(result.dataset().prefixes());
      List<Quad> quads = take(result.dataset().find(), action);
      quads.forEach(kept::add);
      return new QueryExecResult(kept);
    }
    if (result.isJson()) {
      List<JsonObject> items = take(result.jsonItems(), action);
      return new QueryExecResult(items.iterator());
    }
    return result;
  }

  private <T> List<T> take(Iterator<T> all, HttpAction action) {
    RowCap<T> cap = RowCap.take(all, maxRows);
    if (cap.truncated()) {
      action.setResponseHeader(TRUNCATED_HEADER, "max-rows=" + maxRows);
    }
    return cap.kept();
  }
}
