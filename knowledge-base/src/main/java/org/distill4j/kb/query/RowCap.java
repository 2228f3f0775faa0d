package org.distill4j.kb.query;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The first {@code max} items of an answer, and whether there were more. One item past the cap
 * is read, never more, so the engine stops early and the cut is known before anything is sent.
 *
 * @param kept at most {@code max} items, in order
 * @param truncated true when the answer had more
 */
public record RowCap<T>(List<T> kept, boolean truncated) {

  /** Reads {@code all} up to one item past {@code max}. */
  public static <T> RowCap<T> take(Iterator<T> all, int max) {
    List<T> kept = new ArrayList<>();
    while (all.hasNext() && kept.size() <= max) {
      kept.add(all.next());
    }
    boolean truncated = kept.size() > max;
    if (truncated) {
      kept.remove(kept.size() - 1);
    }
    return new RowCap<>(kept, truncated);
  }
}
