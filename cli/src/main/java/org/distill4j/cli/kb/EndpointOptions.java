package org.distill4j.cli.kb;

import java.time.Duration;
import org.distill4j.core.io.InputException;
import org.distill4j.kb.remote.RemoteEndpoint;
import picocli.CommandLine.Option;

/**
 * The {@code --endpoint URL} option of {@code kb ingest} and {@code kb sparql}, and how to
 * authenticate there. Secrets are named by environment variable, never given on the command
 * line, where {@code ps} and shell history would show them.
 */
public final class EndpointOptions {
  @Option(names = "--endpoint", paramLabel = "URL",
      description = "The dataset URL of a SPARQL server holding the store, e.g."
          + " http://localhost:3030/kb for Fuseki's dataset /kb (it answers queries and, when"
          + " started with --update, updates and Graph Store Protocol writes there).")
  String url;

  @Option(names = "--endpoint-token-env", paramLabel = "VAR",
      description = "Send 'Authorization: Bearer TOKEN' to the endpoint, TOKEN read from the"
          + " environment variable VAR (never printed).")
  String tokenEnv;

  @Option(names = "--endpoint-user", paramLabel = "USER",
      description = "Use HTTP basic authentication at the endpoint as USER, with the password"
          + " read from the environment variable named by --endpoint-password-env. Use https"
          + " beyond the local machine: basic authentication sends the password readable.")
  String user;

  @Option(names = "--endpoint-password-env", paramLabel = "VAR",
      description = "The environment variable holding --endpoint-user's password.")
  String passwordEnv;

  /** True when {@code --endpoint} was given. */
  boolean given() {
    return url != null;
  }

  /**
   * The endpoint these options describe, each request limited to {@code timeout}; null without
   * {@code --endpoint}.
   *
   * @throws InputException when authentication options come without {@code --endpoint}, or a
   *     named variable is not set
   */
  RemoteEndpoint endpoint(Duration timeout) {
    if (url == null) {
      if (tokenEnv != null || user != null || passwordEnv != null) {
        throw new InputException("--endpoint-token-env, --endpoint-user and"
            + " --endpoint-password-env go with --endpoint URL");
      }
      return null;
    }
    return RemoteEndpoint.fromSettings(url, tokenEnv, user, passwordEnv, timeout,
        System::getenv);
  }
}
