package org.distill4j.kb.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.distill4j.core.io.CorpusJson;

/**
 * On a loopback bind, answers only requests addressed to this machine by name: Host
 * {@code 127.0.0.1}, {@code localhost} or {@code [::1]} (or the bound loopback address) with the
 * port the request arrived on. A web page can point its own host name at 127.0.0.1 (DNS
 * rebinding) and then drive a loopback server from the user's browser; its requests still carry
 * that page's host name, which is what this refuses, with 403.
 */
final class LoopbackHostFilter implements Filter {
  private final Set<String> names;
  private final String advice;

  /**
   * @param bound the loopback address the server is bound to
   * @param settingNames spells the settings named in the refusal
   */
  LoopbackHostFilter(String bound, UnaryOperator<String> settingNames) {
    this.advice = "to serve other names bind another address with " + settingNames.apply("host")
        + " and set " + settingNames.apply("token_env");
    String b = bound.toLowerCase(Locale.ROOT);
    this.names = Stream.of("127.0.0.1", "localhost", "[::1]", b.contains(":") ? "[" + b + "]" : b)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    String host = http.getHeader("Host");
    int port = http.getLocalPort();
    if (host != null && allowed(host.strip().toLowerCase(Locale.ROOT), port)) {
      chain.doFilter(request, response);
      return;
    }
    HttpServletResponse out = (HttpServletResponse) response;
    out.setStatus(HttpServletResponse.SC_FORBIDDEN);
    out.setContentType("application/json");
    out.setCharacterEncoding("UTF-8");
    String shown = host == null ? "(none)" : host.replaceAll("[^\\x20-\\x7e]", "?");
    CorpusJson.json().writeValue(out.getWriter(), Map.of("error", "Host header " + shown
        + " refused: this server is bound to loopback and answers only Host 127.0.0.1:" + port
        + ", localhost:" + port + " or [::1]:" + port + " (a guard against DNS rebinding);"
        + " " + advice));
  }

  private boolean allowed(String host, int port) {
    String name = host;
    String portPart = null;
    int close = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    if (colon > close) {
      name = host.substring(0, colon);
      portPart = host.substring(colon + 1);
    }
    if (!names.contains(name)) {
      return false;
    }
    return portPart == null ? port == 80 : portPart.equals(Integer.toString(port));
  }
}
