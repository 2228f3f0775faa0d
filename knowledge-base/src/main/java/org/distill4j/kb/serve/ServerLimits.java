package org.distill4j.kb.serve;

import org.distill4j.core.io.SettingException;
import org.distill4j.kb.query.QueryPolicy;

/**
 * What the server lets one request do: the SPARQL policy (allowed federated endpoints, the row
 * cap, which also caps the hits of one search) and the most bytes of hits one search answer
 * carries.
 *
 * @param query allowed {@code SERVICE} endpoints and the row cap
 * @param maxSearchBytes the cap on the serialised hits of one {@code /search} answer
 */
public record ServerLimits(QueryPolicy query, long maxSearchBytes) {
  /** The byte cap used when none is given: 16 MiB. */
  public static final long DEFAULT_MAX_SEARCH_BYTES = 16L << 20;

  public ServerLimits {
    if (maxSearchBytes < 1024) {
      throw new SettingException("max_bytes", "{setting} must be at least 1024, found "
          + maxSearchBytes);
    }
  }

  /** No federated queries, default caps. */
  public static ServerLimits defaults() {
    return new ServerLimits(QueryPolicy.closed(), DEFAULT_MAX_SEARCH_BYTES);
  }
}
