package org.distill4j.teacher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.distill4j.core.io.InputException;

/**
 * Checks, before a run starts, that the teacher's server accepts connections, so that a stopped
 * server costs the user seconds and a clear message instead of a run full of failures.
 */
public final class TeacherProbe {
  private final int timeoutMillis;

  public TeacherProbe(int timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** Connects to the base URL's host and port; throws {@link TeacherUnreachableException}. */
  public void check(TeacherConfig config) {
    String url = config.effectiveBaseUrl();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InputException("--base-url \"" + url + "\" is not a URL: " + e.getMessage());
    }
    if (uri.getHost() == null) {
      throw new InputException("--base-url \"" + url + "\" has no host; e.g. http://localhost:8000/v1");
    }
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
    } catch (IOException e) {
      throw new TeacherUnreachableException(
          "cannot reach the " + config.providerKind().id() + " teacher at " + url + " ("
              + e.getMessage() + "); " + config.providerKind().howToStart());
    }
  }

  /** The teacher's server refused or did not answer a connection. */
  public static final class TeacherUnreachableException extends RuntimeException {
    public TeacherUnreachableException(String message) {
      super(message);
    }
  }
}
