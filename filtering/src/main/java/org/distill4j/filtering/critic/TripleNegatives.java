package org.distill4j.filtering.critic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Negative triples for training a triple critic when only true triples are at hand, made the
 * three usual ways (as in knowledge-base completion): the tail swapped for another tail of the
 * same relation, the head swapped for another head of the same relation (so the swap stays
 * type-plausible and the critic must read the words, not the shape), or the relation swapped for
 * another relation. A negative is never a triple among the positives, never made twice, and
 * records how it was made. Deterministic for a seed.
 */
public final class TripleNegatives {
  /** How a negative was made. */
  public enum Kind {
    TAIL, HEAD, RELATION;

    /** Parses {@code tail}, {@code head} or {@code relation}. */
    public static Kind parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown negative kind \"" + s + "\"; expected tail,"
            + " head or relation");
      }
    }
  }

  /** A triple. */
  public record Triple(String head, String relation, String tail) {}

  /**
   * A made negative.
   *
   * @param triple the false triple
   * @param kind which part was swapped
   * @param from the positive it was made from
   */
  public record Negative(Triple triple, Kind kind, Triple from) {}

  private static final int TRIES = 50;

  private TripleNegatives() {}

  /**
   * Up to {@code perPositive} negatives of each kind for every positive; fewer where the pools
   * run out (a relation with one tail has no tail swap), never a fake one.
   */
  public static List<Negative> sample(List<Triple> positives, List<Kind> kinds, int perPositive,
      long seed) {
    Set<Triple> known = new HashSet<>(positives);
    Map<String, List<String>> heads = pools(positives, Triple::head);
    Map<String, List<String>> tails = pools(positives, Triple::tail);
    List<String> relations = new ArrayList<>(heads.keySet());
    Random random = new Random(seed);
    Set<Triple> made = new HashSet<>();
    List<Negative> out = new ArrayList<>();
    for (Triple p : positives) {
      for (Kind k : kinds) {
        for (int n = 0; n < perPositive; n++) {
          for (int attempt = 0; attempt < TRIES; attempt++) {
            Triple c = corrupt(p, k, heads, tails, relations, random);
            if (c != null && !known.contains(c) && made.add(c)) {
              out.add(new Negative(c, k, p));
              break;
            }
          }
        }
      }
    }
    return out;
  }

  private static Triple corrupt(Triple p, Kind k, Map<String, List<String>> heads,
      Map<String, List<String>> tails, List<String> relations, Random random) {
    return switch (k) {
      case TAIL -> new Triple(p.head(), p.relation(), pick(tails.get(p.relation()), random));
      case HEAD -> new Triple(pick(heads.get(p.relation()), random), p.relation(), p.tail());
      case RELATION -> new Triple(p.head(), pick(relations, random), p.tail());
    };
  }

  private static String pick(List<String> pool, Random random) {
    return pool.get(random.nextInt(pool.size()));
  }

  /** Per relation, the distinct values of one part, in first-seen order (for determinism). */
  private static Map<String, List<String>> pools(List<Triple> triples,
      java.util.function.Function<Triple, String> part) {
    Map<String, Set<String>> sets = new LinkedHashMap<>();
    for (Triple t : triples) {
      sets.computeIfAbsent(t.relation(), x -> new java.util.LinkedHashSet<>()).add(part.apply(t));
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    sets.forEach((r, s) -> out.put(r, new ArrayList<>(s)));
    return out;
  }
}
