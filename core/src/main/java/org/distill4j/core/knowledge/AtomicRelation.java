package org.distill4j.core.knowledge;

import java.util.List;
import java.util.Map;

/**
 * The ATOMIC relations with a short English gloss. Triples may use other relations; these are
 * the ones recipes, importers and per-kind checks know by name.
 */
public final class AtomicRelation {
  private static final Map<String, String> PHRASES =
      Map.ofEntries(
          Map.entry("xIntent", "because PersonX wanted"),
          Map.entry("xNeed", "but before, PersonX needed"),
          Map.entry("xAttr", "so PersonX is seen as"),
          Map.entry("xEffect", "so PersonX"),
          Map.entry("xReact", "so PersonX feels"),
          Map.entry("xWant", "so PersonX wants"),
          Map.entry("oEffect", "so others"),
          Map.entry("oReact", "so others feel"),
          Map.entry("oWant", "so others want"),
          Map.entry("HinderedBy", "which can be hindered by"),
          Map.entry("isAfter", "happens after"),
          Map.entry("isBefore", "happens before"));

  /** The nine relations of ATOMIC 2019, in its column order. */
  public static final List<String> ATOMIC_2019 =
      List.of("oEffect", "oReact", "oWant", "xAttr", "xEffect", "xIntent", "xNeed", "xReact",
          "xWant");

  private AtomicRelation() {}

  /** True when the relation is one of the known ATOMIC relations. */
  public static boolean isKnown(String relation) {
    return PHRASES.containsKey(relation);
  }

  /** A connecting phrase for rendering a triple as text; the relation name itself if unknown. */
  public static String phrase(String relation) {
    return PHRASES.getOrDefault(relation, relation);
  }
}
