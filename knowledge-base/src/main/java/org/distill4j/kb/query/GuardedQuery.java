package org.distill4j.kb.query;

import org.apache.jena.query.Query;

/**
 * A query the {@link QueryGuard} of {@code policy} has let through, so a runner with the same
 * policy need not check it again.
 *
 * @param query the parsed query
 * @param origin where it came from, for messages
 * @param policy the policy it was checked against
 */
public record GuardedQuery(Query query, String origin, QueryPolicy policy) {}
