package org.distill4j.spark.dedup;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.distill4j.filtering.dedup.Hash64;
import org.distill4j.filtering.dedup.MinHasher;
import scala.Tuple2;

/**
 * The whole-corpus work of the two dedups, as shuffles. Both answer with the records a stage
 * drops, keyed by input line; the local critics' rule, "a duplicate of an earlier kept record",
 * is kept exactly, with "earlier" meaning a lower input line.
 */
public final class DedupShuffles {
  /** The seed the local near-dedup critic gives its MinHasher: the same signatures here. */
  private static final long MINHASH_SEED = 42;

  private DedupShuffles() {}

  /**
   * Exact dedup: a group by the normalised text's 64-bit hash (the local critic's key); in each
   * group the lowest line stays and every other record is a duplicate of it.
   */
  public static Map<Long, Rejection> exact(JavaRDD<Item> alive) {
    JavaPairRDD<Long, Item> keyed =
        alive.mapToPair(i -> new Tuple2<>(Hash64.ofNormalized(i.text()), i));
    List<Rejection> dropped = keyed.groupByKey().flatMap(group -> {
      List<Item> items = new ArrayList<>();
      group._2().forEach(items::add);
      items.sort(Comparator.comparingLong(Item::line));
      Item first = items.get(0);
      return items.stream().skip(1).map(i -> new Rejection(i.line(), first.id(), 1.0)).iterator();
    }).collect();
    Map<Long, Rejection> out = new HashMap<>();
    dropped.forEach(r -> out.put(r.line(), r));
    return out;
  }

  /** A record's MinHash signature. */
  private record Signed(long line, String id, char[] signature) implements Serializable {}

  /**
   * A candidate pair at or above the threshold.
   *
   * @param later the later record's line
   * @param earlier the earlier record's line
   * @param earlierId the earlier record's id
   * @param similarity the signatures' estimated Jaccard similarity
   */
  private record Edge(long later, long earlier, String earlierId, double similarity)
      implements Serializable {}

  /**
   * Near dedup as a banded self-join: records are grouped by (band, band key), exactly the
   * buckets of the local critic's LSH tables; every pair in a bucket at or above the threshold
   * is an edge. The edges (far fewer than the records in any corpus worth deduplicating) come
   * back to the driver, which applies the local rule in line order: a record is dropped when an
   * edge links it to an earlier record that was kept. That last step is sequential by nature:
   * which record a chain of near duplicates keeps depends on which earlier ones were kept.
   */
  public static Map<Long, Rejection> near(JavaRDD<Item> alive, double threshold, int shingleWords,
      int bands, int rows) {
    JavaRDD<Signed> signed = alive.mapPartitions(items -> {
      MinHasher hasher = new MinHasher(bands * rows, shingleWords, MINHASH_SEED);
      List<Signed> out = new ArrayList<>();
      while (items.hasNext()) {
        Item i = items.next();
        char[] sig = new char[hasher.slots()];
        hasher.signature(i.text(), sig);
        out.add(new Signed(i.line(), i.id(), sig));
      }
      return out.iterator();
    });
    List<Edge> edges = signed.flatMapToPair(s -> bandKeys(s, bands, rows))
        .groupByKey()
        .flatMap(bucket -> pairs(bucket._2(), threshold))
        .distinct()
        .collect();
    return resolve(edges);
  }

  /** The local critic's band keys: band b's key starts at b, then key * 65537 + slot. */
  private static Iterator<Tuple2<Tuple2<Integer, Long>, Signed>> bandKeys(Signed s, int bands,
      int rows) {
    List<Tuple2<Tuple2<Integer, Long>, Signed>> out = new ArrayList<>(bands);
    for (int b = 0; b < bands; b++) {
      long key = b;
      for (int k = b * rows; k < (b + 1) * rows; k++) {
        key = key * 65_537 + s.signature()[k];
      }
      out.add(new Tuple2<>(new Tuple2<>(b, key), s));
    }
    return out.iterator();
  }

  private static Iterator<Edge> pairs(Iterable<Signed> bucket, double threshold) {
    List<Signed> members = new ArrayList<>(StreamSupport.stream(bucket.spliterator(), false)
        .sorted(Comparator.comparingLong(Signed::line)).toList());
    List<Edge> out = new ArrayList<>();
    for (int j = 1; j < members.size(); j++) {
      Signed later = members.get(j);
      for (int i = 0; i < j; i++) {
        Signed earlier = members.get(i);
        int slots = later.signature().length;
        double sim = MinHasher.similarity(later.signature(), 0, earlier.signature(), 0, slots);
        if (sim >= threshold) {
          out.add(new Edge(later.line(), earlier.line(), earlier.id(), sim));
        }
      }
    }
    return out.iterator();
  }

  /** The local rule in line order: dropped when linked to an earlier record that was kept. */
  private static Map<Long, Rejection> resolve(List<Edge> edges) {
    TreeMap<Long, List<Edge>> byLater = new TreeMap<>();
    edges.forEach(e -> byLater.computeIfAbsent(e.later(), k -> new ArrayList<>()).add(e));
    Map<Long, Rejection> dropped = new HashMap<>();
    byLater.forEach((later, links) -> links.stream()
        .filter(e -> !dropped.containsKey(e.earlier()))
        .max(Comparator.comparingDouble(Edge::similarity)
            .thenComparing(Edge::earlier, Comparator.reverseOrder()))
        .ifPresent(e -> dropped.put(later, new Rejection(later, e.earlierId(), e.similarity()))));
    return dropped;
  }
}
