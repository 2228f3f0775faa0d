package org.distill4j.kb.remote;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.distill4j.core.io.SettingException;

/**
 * A SPARQL store on another machine and how to reach it.
 *
 * @param url the dataset URL, e.g. {@code http://host:3030/kb} for a Fuseki dataset {@code /kb};
 *     Fuseki answers both queries and updates (when started with {@code --update}) there
 * @param authorization the {@code Authorization} header sent with every request, or null; it is
 *     never printed ({@link #toString()} says only which kind it is)
 * @param timeout the longest one request may take before it is given up
 */
public record RemoteEndpoint(String url, String authorization, Duration timeout) {
  /** How long a request may take when the caller does not say. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  public RemoteEndpoint {
    if (!isHttpUrl(url)) {
      throw new SettingException("endpoint", "{setting} \"" + url + "\": expected the http:// or"
          + " https:// URL of a SPARQL dataset, e.g. http://localhost:3030/kb");
    }
    if (timeout == null || timeout.isZero() || timeout.isNegative()) {
      throw new SettingException("endpoint_timeout", "{setting} must be positive, found "
          + timeout);
    }
  }

  /** An endpoint without authentication. */
  public static RemoteEndpoint open(String url) {
    return new RemoteEndpoint(url, null, DEFAULT_TIMEOUT);
  }

  /**
   * An endpoint as a front end's settings describe it: secrets come from environment variables
   * named by the settings, never from the settings themselves.
   *
   * @param url {@code endpoint}
   * @param tokenEnv {@code endpoint_token_env}: the variable holding a bearer token, or null
   * @param user {@code endpoint_user}: the user name for HTTP basic authentication, or null
   * @param passwordEnv {@code endpoint_password_env}: the variable holding that user's password
   * @param timeout the longest one request may take
   * @param env reads an environment variable ({@code System::getenv})
   * @throws SettingException when a named variable is unset or empty, or the settings clash
   */
  public static RemoteEndpoint fromSettings(String url, String tokenEnv, String user,
      String passwordEnv, Duration timeout, UnaryOperator<String> env) {
    if (tokenEnv != null && (user != null || passwordEnv != null)) {
      throw new SettingException("endpoint_token_env", "{setting} (a bearer token) and basic"
          + " authentication (a user and a password variable) are alternatives; give one");
    }
    if ((user == null) != (passwordEnv == null)) {
      throw new SettingException(user == null ? "endpoint_user" : "endpoint_password_env",
          "basic authentication needs both the user and the variable holding the password;"
              + " {setting} is missing");
    }
    String authorization = null;
    if (tokenEnv != null) {
      authorization = "Bearer " + secret(env, tokenEnv, "endpoint_token_env");
    } else if (user != null) {
      String credentials = user + ":" + secret(env, passwordEnv, "endpoint_password_env");
      authorization = "Basic " + Base64.getEncoder()
          .encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
    return new RemoteEndpoint(url, authorization, timeout);
  }

  private static String secret(UnaryOperator<String> env, String variable, String setting) {
    String value = env.apply(variable);
    if (value == null || value.isBlank()) {
      throw new SettingException(setting, "{setting} " + variable
          + ": the environment variable is not set or empty");
    }
    return value.strip();
  }

  private static boolean isHttpUrl(String s) {
    if (s == null) {
      return false;
    }
    try {
      URI u = new URI(s);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && u.getHost() != null && u.getQuery() == null && u.getFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The URL and the kind of authentication, never the secret. */
  @Override
  public String toString() {
    String auth = authorization == null ? "no authentication"
        : authorization.startsWith("Bearer ") ? "bearer token" : "basic authentication";
    return url + " (" + auth + ")";
  }
}
