package org.distill4j.kb.query;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.distill4j.core.io.SettingException;

/**
 * What a SPARQL query may do beyond reading the store: the only endpoints a {@code SERVICE}
 * clause may call (none by default, so a query cannot make this process fetch a URL), and the
 * most rows (SELECT solutions, CONSTRUCT/DESCRIBE triples) one answer carries before it is cut.
 *
 * @param allowedServices exact endpoint URLs {@code SERVICE} may call
 * @param maxRows the cap on rows or triples per answer, at least 1
 */
public record QueryPolicy(Set<String> allowedServices, int maxRows) {
  /** The cap used when none is given. */
  public static final int DEFAULT_MAX_ROWS = 10_000;

  public QueryPolicy {
    allowedServices = Set.copyOf(allowedServices);
    if (maxRows < 1) {
      throw new SettingException("max_rows", "{setting} must be at least 1, found " + maxRows);
    }
    for (String s : allowedServices) {
      if (!isHttpUrl(s)) {
        throw new SettingException("allow_service", "{setting} \"" + s + "\": expected an"
            + " http:// or https:// endpoint URL, e.g. https://query.wikidata.org/sparql");
      }
    }
  }

  /** No federated queries and the default row cap. */
  public static QueryPolicy closed() {
    return new QueryPolicy(Set.of(), DEFAULT_MAX_ROWS);
  }

  /** Whether {@code SERVICE <endpoint>} may be called. */
  public boolean allowsService(String endpoint) {
    return allowedServices.contains(endpoint);
  }

  private static boolean isHttpUrl(String s) {
    try {
      URI u = new URI(s);
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))
          && u.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
