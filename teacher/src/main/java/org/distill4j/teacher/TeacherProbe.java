package org.distill4j.teacher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.function.UnaryOperator;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.io.SettingMessage;

/**
 * Checks, before a run starts, that the teacher's server accepts connections, so that a stopped
 * server costs the user seconds and a clear message instead of a run full of failures.
 */
public final class TeacherProbe {
  /** The setting a probe failure is about, as the teacher config names it. */
  public static final String BASE_URL = "base_url";

  private final int timeoutMillis;

  public TeacherProbe(int timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  /** Connects to the base URL's host and port; throws {@link TeacherUnreachableException}. */
  public void check(TeacherConfig config) {
    String url = config.effectiveBaseUrl();
    URI uri = address(config);
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
    } catch (IOException e) {
      throw new TeacherUnreachableException(
          "cannot reach the " + config.providerKind().id() + " teacher at " + url + " ("
              + e.getMessage() + "); " + config.providerKind().howToStart());
    }
  }

  /**
   * The base URL as an address with a host, without connecting: front ends check it with the
   * rest of their input, before anything is written.
   *
   * @throws SettingException naming {@code base_url} when it is not a URL or has no host
   */
  public static URI address(TeacherConfig config) {
    String url = config.effectiveBaseUrl();
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new SettingException(BASE_URL, SettingException.NAME + " \"" + url + "\" is not a URL: "
          + e.getMessage());
    }
    if (uri.getHost() == null) {
      throw new SettingException(BASE_URL, SettingException.NAME + " \"" + url + "\" has no host;"
          + " e.g. http://localhost:8000/v1");
    }
    return uri;
  }

  /**
   * The teacher's server refused or did not answer a connection. Not bad input (exit 1, not 2),
   * but its advice names the {@code base_url} setting, which each front end spells its own way.
   */
  public static final class TeacherUnreachableException extends RuntimeException
      implements SettingMessage {
    private final String problem;

    /** @param problem what happened, with {@link SettingException#NAME} where base_url goes */
    public TeacherUnreachableException(String problem) {
      super(SettingMessage.spelled(problem, BASE_URL, UnaryOperator.identity()));
      this.problem = problem;
    }

    /** The message with base_url spelled by {@code spelling} (a flag or a YAML key). */
    @Override
    public String renderedAs(UnaryOperator<String> spelling) {
      return SettingMessage.spelled(problem, BASE_URL, spelling);
    }
  }
}
