package org.distill4j.kb.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.util.Context;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import java.util.function.UnaryOperator;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.SettingException;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.query.QueryGuard;

/**
 * Serves a knowledge base over HTTP with an embedded Fuseki: a read-only SPARQL endpoint at
 * {@code /kb/sparql} (also {@code /kb/query}) with a time limit per query, and a JSON search
 * endpoint at {@code /search}; nothing else (no graph store protocol, which would hand out the
 * whole store past the row cap). Binds 127.0.0.1 unless told otherwise; there only requests
 * whose Host names loopback are answered; any other address needs a bearer token, which then
 * guards every path. A query that does not parse gets 400 with the parser's message (Fuseki's
 * own behaviour, kept by not wrapping its errors); one that would reach outside the store
 * ({@code SERVICE} to an endpoint not allowed, {@code java:} functions) gets 400 before it runs.
 */
public final class KnowledgeServer implements AutoCloseable {
  private final FusekiServer server;
  private final String host;

  private KnowledgeServer(FusekiServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts serving {@code kb}.
   *
   * @param host the address to bind; 127.0.0.1 when null
   * @param port the port; 0 for any free one
   * @param token the bearer token, or null for none (allowed only on a loopback address)
   * @param queryTimeout the longest a SPARQL query may run
   * @throws InputException when a non-loopback address is asked for without a token
   */
  public static KnowledgeServer start(KnowledgeBase kb, String host, int port, String token,
      Duration queryTimeout) {
    return start(kb, host, port, token, queryTimeout, ServerLimits.defaults());
  }

  /**
   * Starts serving {@code kb} with the given caps and allowed federated endpoints.
   *
   * @see #start(KnowledgeBase, String, int, String, Duration)
   */
  public static KnowledgeServer start(KnowledgeBase kb, String host, int port, String token,
      Duration queryTimeout, ServerLimits limits) {
    return start(kb, host, port, token, queryTimeout, limits, UnaryOperator.identity());
  }

  /**
   * Starts serving {@code kb}; answers that name a setting ({@code max_rows}, {@code max_bytes},
   * {@code allow_service}, {@code host}, {@code token_env}) spell it with {@code settingNames},
   * as the front end that started the server does.
   *
   * @see #start(KnowledgeBase, String, int, String, Duration)
   * @throws SettingException ({@code token_env}) for a non-loopback address without a token
   */
  public static KnowledgeServer start(KnowledgeBase kb, String host, int port, String token,
      Duration queryTimeout, ServerLimits limits, UnaryOperator<String> settingNames) {
    String bind = host == null || host.isBlank() ? "127.0.0.1" : host;
    boolean loopback = isLoopback(bind);
    if (!loopback && (token == null || token.isBlank())) {
      throw new SettingException("token_env", "binding to " + bind + " exposes the knowledge"
          + " base beyond this machine, so a bearer token is required: put one in an environment"
          + " variable and pass {setting} VAR (or bind 127.0.0.1)");
    }
    // Fuseki reads the limit from the dataset's context: first value is the time to the first
    // result, the second the total; both are the same limit here.
    String millis = Long.toString(queryTimeout.toMillis());
    Context context = kb.store().dataset().getContext();
    context.set(ARQ.queryTimeout, millis + "," + millis);
    // Fuseki merges the dataset's context into every query's: the guard's service registry
    // there refuses a SERVICE the static check could not see (an endpoint bound at run time).
    new QueryGuard(limits.query()).install(context);
    DataService.Builder queries = DataService.newBuilder(kb.store().dataset())
        .addEndpoint(Operation.Query, "sparql")
        .addEndpoint(Operation.Query, "query");
    FusekiServer.Builder builder = FusekiServer.create()
        .port(port)
        .loopback(loopback)
        .registerOperation(Operation.Query, new GuardedQueryProcessor(limits.query(), settingNames))
        .add("/kb", queries)
        .addServlet("/search", new SearchServlet(kb, limits, settingNames));
    if (loopback) {
      builder.addFilter("/*", new LoopbackHostFilter(bind, settingNames));
    }
    if (token != null && !token.isBlank()) {
      builder.addFilter("/*", new BearerTokenFilter(token));
    }
    FusekiServer server = builder.build();
    if (!loopback) {
      for (Connector c : server.getJettyServer().getConnectors()) {
        if (c instanceof ServerConnector sc) {
          sc.setHost(bind);
        }
      }
    }
    server.start();
    return new KnowledgeServer(server, bind);
  }

  private static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new InputException("cannot resolve the bind address \"" + host + "\"");
    }
  }

  /** The port actually bound. */
  public int port() {
    return server.getHttpPort();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:3030}. */
  public String url() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "http://" + h + ":" + port();
  }

  /** Blocks until the server stops. */
  public void join() {
    server.join();
  }

  @Override
  public void close() {
    server.stop();
  }
}
