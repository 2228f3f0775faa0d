package org.distill4j.kb.remote;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.jena.atlas.web.HttpException;
import org.apache.jena.sparql.engine.http.QueryExceptionHTTP;
import org.distill4j.core.io.SettingMessage;

/**
 * A request to the remote store failed. The message names the endpoint, what was being done, the
 * HTTP status and the start of the server's answer, or says that no answer came (refused
 * connection, time limit). Credentials refused (401/403) name the settings that send them.
 */
public final class RemoteStoreException extends IllegalStateException implements SettingMessage {
  /** The status when no HTTP answer came at all. */
  public static final int NO_ANSWER = -1;
  /** How much of the server's answer a message quotes. */
  static final int EXCERPT = 400;

  /** Placeholders in messages → the setting they name. */
  private static final Map<String, String> SETTINGS = Map.of(
      "{token}", "endpoint_token_env", "{user}", "endpoint_user",
      "{password}", "endpoint_password_env", "{timeout}", "endpoint_timeout");

  private final int status;
  private final String problem;
  private final String answer;

  /**
   * @param problem our text, with placeholders for the settings it names
   * @param answer the start of the server's answer, quoted as it is ("" for none)
   */
  private RemoteStoreException(int status, String problem, String answer, Throwable cause) {
    super(render(problem, answer, UnaryOperator.identity()), cause);
    this.status = status;
    this.problem = problem;
    this.answer = answer;
  }

  private RemoteStoreException(String problem, Throwable cause) {
    this(NO_ANSWER, problem, "", cause);
  }

  /** The same failure, with {@code context} (e.g. the batch's first record) in front. */
  public RemoteStoreException within(String context) {
    return new RemoteStoreException(status, context + ": " + problem, answer, getCause());
  }

  /** The HTTP status the server answered with, or {@link #NO_ANSWER}. */
  public int status() {
    return status;
  }

  /**
   * {@code failure} of a request to {@code endpoint} while doing {@code what} (e.g. "updating 500
   * records"), as the user should read it.
   */
  static RemoteStoreException of(RemoteEndpoint endpoint, String what, RuntimeException failure) {
    if (failure instanceof RemoteStoreException r) {
      return r;
    }
    int status = statusOf(failure);
    String base = endpoint.url() + ": " + what;
    if (status > 0) {
      String body = excerpt(responseOf(failure));
      String hint = status == 401 || status == 403
          ? " (credentials missing or refused: send a bearer token with {token}, or a user and"
              + " password with {user} and {password})"
          : "";
      return new RemoteStoreException(status, base + " failed with HTTP " + status + hint,
          body, failure);
    }
    if (has(failure, HttpTimeoutException.class)) {
      return new RemoteStoreException(base + " got no answer within "
          + endpoint.timeout().toSeconds() + " s; raise {timeout} or use smaller batches",
          failure);
    }
    if (has(failure, ConnectException.class)) {
      return new RemoteStoreException(base + " failed: cannot connect (is the"
          + " server running and the URL right?)", failure);
    }
    String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
        : failure.getMessage();
    return new RemoteStoreException(base + " failed: " + message, failure);
  }

  private static int statusOf(RuntimeException e) {
    if (e instanceof QueryExceptionHTTP q && q.getStatusCode() > 0) {
      return q.getStatusCode();
    }
    if (e instanceof HttpException h && h.getStatusCode() > 0) {
      return h.getStatusCode();
    }
    return NO_ANSWER;
  }

  private static String responseOf(RuntimeException e) {
    if (e instanceof QueryExceptionHTTP q) {
      return q.getResponse() != null ? q.getResponse() : q.getResponseMessage();
    }
    return e instanceof HttpException h ? h.getResponse() : null;
  }

  /** The start of a server's answer on one line, so an HTML error page does not flood. */
  static String excerpt(String body) {
    if (body == null) {
      return "";
    }
    String line = body.replaceAll("\\s+", " ").strip();
    return line.length() <= EXCERPT ? line : line.substring(0, EXCERPT) + "...";
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String renderedAs(UnaryOperator<String> spelling) {
    return render(problem, answer, spelling);
  }

  private static String render(String problem, String answer, UnaryOperator<String> spelling) {
    String out = problem;
    for (Map.Entry<String, String> e : SETTINGS.entrySet()) {
      out = out.replace(e.getKey(), spelling.apply(e.getValue()));
    }
    return answer.isEmpty() ? out : out + ": " + answer;
  }
}
