package org.distill4j.kb.serve;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}; anything else gets 401.
 * The comparison takes the same time however much of the token matches, so the token cannot be
 * guessed one character at a time.
 */
public final class BearerTokenFilter implements Filter {
  private final byte[] expected;

  public BearerTokenFilter(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the bearer token must not be blank");
    }
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String header = ((HttpServletRequest) request).getHeader("Authorization");
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("WWW-Authenticate", "Bearer realm=\"distill4j\"");
      http.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      http.setContentType("application/json");
      http.getWriter().write("{\"error\":\"a valid bearer token is required\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
