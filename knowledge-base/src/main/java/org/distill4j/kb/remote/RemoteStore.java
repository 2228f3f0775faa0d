package org.distill4j.kb.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.web.HttpSC;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.exec.http.QueryExecHTTPBuilder;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTP;
import org.apache.jena.sparql.exec.http.QueryExecutionHTTPBuilder;
import org.apache.jena.sparql.exec.http.UpdateExecHTTP;
import org.apache.jena.sparql.exec.http.UpdateExecHTTPBuilder;
import org.distill4j.kb.query.QueryEndpoint;
import org.distill4j.kb.store.RecordGraph;
import org.distill4j.kb.vocabulary.KD;

/**
 * The RDF store of a knowledge base on a SPARQL server (Fuseki), reached over HTTP: queries and
 * deletes with Jena's SPARQL 1.1 Protocol executions ({@code QueryExecHTTP},
 * {@code UpdateExecHTTP}: what Jena's {@code RDFLink} runs underneath, used directly so each
 * request carries its own {@code Authorization} header rather than a process-wide
 * registration), inserts with a Graph Store Protocol POST.
 *
 * <p>Records are kept in the default graph exactly as in a local store ({@link RecordGraph}), so
 * the same SPARQL runs on both. {@link #compare} says which records the server already holds
 * unchanged (one SELECT of hashes), {@link #delete} removes a record with every node it owns,
 * {@link #insert} adds records. Every request has the endpoint's time limit. Thread-safe: every
 * call is its own request.
 */
public final class RemoteStore implements QueryEndpoint {
  private static final Var RECORD = Var.alloc("r");
  private static final Var HASH = Var.alloc("h");

  private final RemoteEndpoint endpoint;
  private final HttpClient http;

  private RemoteStore(RemoteEndpoint endpoint, HttpClient http) {
    this.endpoint = endpoint;
    this.http = http;
  }

  /** A store at {@code endpoint}. Nothing is sent until the first call. */
  public static RemoteStore connect(RemoteEndpoint endpoint) {
    return new RemoteStore(endpoint, HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1)
        .build());
  }

  /** Where this store is. */
  public RemoteEndpoint endpoint() {
    return endpoint;
  }

  /** What the server holds of a record. */
  public enum Stored {
    /** Nothing: the record is new there. */
    ABSENT,
    /** Another version (e.g. other scores): it must be replaced. */
    DIFFERENT,
    /** Exactly this record: nothing to write. */
    SAME
  }

  /**
   * Compares each record, given as id → canonical JSON, with what the server holds, by the
   * SHA-256 of the stored {@code kd:json}. One request.
   *
   * @throws RemoteStoreException when the request fails
   */
  public Map<String, Stored> compare(Map<String, String> jsonById) {
    Map<String, String> stored = new HashMap<>();
    try (QueryExecHTTP qe = withAuth(QueryExecHTTP.newBuilder().endpoint(endpoint.url())
            .httpClient(http).timeout(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .queryString(RecordUpdates.hashes(jsonById.keySet())))
        .build()) {
      RowSet rows = qe.select();
      rows.forEachRemaining(b -> {
        Node r = b.get(RECORD);
        Node h = b.get(HASH);
        if (r != null && h != null) {
          stored.put(RecordGraph.idOf(r), h.getLiteralLexicalForm());
        }
      });
    } catch (RuntimeException e) {
      throw RemoteStoreException.of(endpoint, "reading " + jsonById.size() + " records", e);
    }
    Map<String, Stored> out = new HashMap<>();
    jsonById.forEach((id, json) -> {
      String hash = stored.get(id);
      out.put(id, hash == null ? Stored.ABSENT
          : hash.equalsIgnoreCase(sha256(json)) ? Stored.SAME : Stored.DIFFERENT);
    });
    return out;
  }

  /**
   * Deletes the records {@code ids} with everything they own, in one SPARQL Update request that
   * the server applies in one transaction. Unknown ids are ignored.
   *
   * @throws RemoteStoreException when the request fails
   */
  public void delete(Collection<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    try {
      withAuth(UpdateExecHTTP.newBuilder().endpoint(endpoint.url()).httpClient(http)
          .timeout(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .updateString(RecordUpdates.delete(ids)))
          .build().execute();
    } catch (RuntimeException e) {
      throw RemoteStoreException.of(endpoint, "deleting " + ids.size() + " records", e);
    }
  }

  /**
   * Adds the triples of the records in {@code triplesById} (id → the triples {@link RecordGraph}
   * gives) to the default graph with one Graph Store Protocol POST of N-Triples, which the
   * server parses and adds in one transaction. A SPARQL {@code INSERT DATA} of the same triples
   * would be one request too, but Fuseki parses it about five times slower (measured in
   * BENCHMARKS.md). Triples already there (shared provenance nodes) stay as they are.
   *
   * @throws RemoteStoreException when the request fails
   */
  public void insert(Map<String, List<Triple>> triplesById) {
    if (triplesById.isEmpty()) {
      return;
    }
    String what = "adding " + triplesById.size() + " records";
    HttpRequest.Builder post = HttpRequest.newBuilder(graphStoreDefault())
        .timeout(endpoint.timeout())
        .header("Content-Type", "application/n-triples; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString(
            RecordUpdates.ntriples(triplesById.values()), StandardCharsets.UTF_8));
    if (endpoint.authorization() != null) {
      post.header("Authorization", endpoint.authorization());
    }
    HttpResponse<String> response;
    try {
      response = http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw RemoteStoreException.of(endpoint, what, new HttpException(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RemoteStoreException.of(endpoint, what, new HttpException(e));
    }
    if (response.statusCode() >= 300) {
      throw RemoteStoreException.of(endpoint, what, new HttpException(response.statusCode(),
          HttpSC.getMessage(response.statusCode()), response.body()));
    }
  }

  /** The dataset's default graph in the Graph Store Protocol: {@code URL?default}. */
  private URI graphStoreDefault() {
    return URI.create(endpoint.url() + "?default");
  }

  /** The number of records the server holds. */
  public long recordCount() {
    return count("SELECT (COUNT(?r) AS ?n) WHERE { ?r <" + KD.json.getURI() + "> ?j }");
  }

  /** The number of triples in the server's default graph (records and their provenance). */
  public long tripleCount() {
    return count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }");
  }

  private long count(String select) {
    try (QueryExecHTTP qe = withAuth(QueryExecHTTP.newBuilder().endpoint(endpoint.url())
            .httpClient(http).timeout(endpoint.timeout().toMillis(), TimeUnit.MILLISECONDS)
            .queryString(select))
        .build()) {
      RowSet rows = qe.select();
      return Long.parseLong(rows.next().get(Var.alloc("n")).getLiteralLexicalForm());
    } catch (RuntimeException e) {
      throw RemoteStoreException.of(endpoint, "counting", e);
    }
  }

  @Override
  public QueryExecution open(Query query, Duration timeout) {
    QueryExecutionHTTPBuilder b = QueryExecutionHTTP.service(endpoint.url()).query(query)
        .httpClient(http).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (endpoint.authorization() != null) {
      b.httpHeader("Authorization", endpoint.authorization());
    }
    return b.build();
  }

  @Override
  public RuntimeException explain(RuntimeException failure) {
    return RemoteStoreException.of(endpoint, "running the query", failure);
  }

  private QueryExecHTTPBuilder withAuth(QueryExecHTTPBuilder b) {
    return endpoint.authorization() == null ? b
        : b.httpHeader("Authorization", endpoint.authorization());
  }

  private UpdateExecHTTPBuilder withAuth(UpdateExecHTTPBuilder b) {
    return endpoint.authorization() == null ? b
        : b.httpHeader("Authorization", endpoint.authorization());
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes in hex, as SPARQL's {@code SHA256} gives it. */
  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
