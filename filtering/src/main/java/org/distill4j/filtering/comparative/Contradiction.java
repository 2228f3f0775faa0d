package org.distill4j.filtering.comparative;

import java.util.List;

/**
 * One contradiction found among comparatives of one adjective, and how it was resolved.
 *
 * @param adjective the comparative adjective, normalised
 * @param cycle the entities around the cycle, first repeated at the end ("a", "b", "a"); for an
 *     affirmed-versus-negated conflict, the pair
 * @param dropped the edge dropped, as "subject &gt; object" (or "subject not&gt; object")
 * @param droppedSupport the support of the dropped edge
 * @param keptSupport the smallest support among the edges kept in the cycle
 */
public record Contradiction(String adjective, List<String> cycle, String dropped,
    double droppedSupport, double keptSupport) {
  public Contradiction {
    cycle = List.copyOf(cycle);
  }
}
