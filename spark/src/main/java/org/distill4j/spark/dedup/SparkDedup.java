package org.distill4j.spark.dedup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterOutputs;
import org.distill4j.filtering.chain.FilterSpec;
import org.distill4j.filtering.chain.Funnel;
import scala.Tuple2;

/**
 * A filter chain of {@code exact-dedup} and {@code near-dedup} stages as a Spark job: the same
 * chain file as {@code distill filter}, the same kept records and the same funnel. Each stage
 * works on the records the stages before it kept; see {@link DedupShuffles} for how each keeps
 * the local rule. Writes {@code kept.jsonl} (the input lines of the kept records, in input
 * order) and {@code funnel.json}.
 */
public final class SparkDedup {
  private final SparkSession spark;

  /** A job on this session. */
  public SparkDedup(SparkSession spark) {
    this.spark = spark;
  }

  /** Runs the chain's dedup stages over {@code in}, writing into {@code outDir}. */
  public Funnel run(Path chainFile, Path in, Path outDir) {
    ChainConfig chain = ChainConfig.read(chainFile);
    for (FilterSpec f : chain.filters()) {
      if (!(f instanceof FilterSpec.ExactDedup) && !(f instanceof FilterSpec.NearDedup)) {
        throw new InputException(null, chainFile + ": spark dedup runs exact-dedup and"
            + " near-dedup stages only; found \"" + FilterSpec.typeOf(f) + "\"");
      }
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaPairRDD<String, Long> lines = jsc.textFile(in.toAbsolutePath().toUri().toString())
        .zipWithIndex().filter(t -> !t._1().isBlank());
    long input = lines.count();
    JavaRDD<Item> alive = lines.map(t -> Item.parse(t._2() + 1, t._1()))
        .filter(java.util.Objects::nonNull).cache();
    long invalid = input - alive.count();
    List<Funnel.StageCount> stages = new ArrayList<>();
    for (FilterSpec f : chain.filters()) {
      Map<Long, Rejection> dropped = dropped(f, alive);
      Broadcast<Set<Long>> gone = jsc.broadcast(Set.copyOf(dropped.keySet()));
      stages.add(count(f, alive, gone));
      JavaRDD<Item> next = alive.filter(i -> !gone.value().contains(i.line())).cache();
      next.count();
      alive.unpersist();
      alive = next;
    }
    long kept = writeKept(alive, outDir);
    Funnel funnel = new Funnel(input, invalid, stages, kept, input - invalid - kept);
    try {
      CorpusJson.json().writerWithDefaultPrettyPrinter()
          .writeValue(outDir.resolve(FilterOutputs.FUNNEL).toFile(), funnel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the funnel into " + outDir, e);
    }
    return funnel;
  }

  private static Map<Long, Rejection> dropped(FilterSpec f, JavaRDD<Item> alive) {
    if (f instanceof FilterSpec.NearDedup n) {
      // The local stage's defaults (FilterSpec.NearDedup): 0.8, word bigrams, 8 bands of 4.
      return DedupShuffles.near(alive, or(n.threshold(), 0.8), or(n.shingleWords(), 2),
          or(n.bands(), 8), or(n.rows(), 4));
    }
    return DedupShuffles.exact(alive);
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }

  /** The stage's funnel line: records in and out, by kind and by relation. */
  private static Funnel.StageCount count(FilterSpec f, JavaRDD<Item> alive,
      Broadcast<Set<Long>> gone) {
    Map<Tuple2<String, String>, Long> in = alive
        .map(i -> new Tuple2<>(i.kind(), i.relation())).countByValue();
    Map<Tuple2<String, String>, Long> out = alive.filter(i -> !gone.value().contains(i.line()))
        .map(i -> new Tuple2<>(i.kind(), i.relation())).countByValue();
    Map<String, long[]> byKind = new TreeMap<>();
    Map<String, long[]> byRelation = new TreeMap<>();
    long[] total = new long[2];
    in.forEach((k, n) -> {
      long o = out.getOrDefault(k, 0L);
      add(byKind, k._1(), n, o);
      add(byRelation, k._2(), n, o);
      total[0] += n;
      total[1] += o;
    });
    String type = FilterSpec.typeOf(f);
    return new Funnel.StageCount(f.name() == null ? type : f.name(), type, false, total[0],
        total[1], freeze(byKind), freeze(byRelation));
  }

  private static void add(Map<String, long[]> m, String key, long in, long out) {
    long[] v = m.computeIfAbsent(key, x -> new long[2]);
    v[0] += in;
    v[1] += out;
  }

  private static Map<String, Funnel.InOut> freeze(Map<String, long[]> m) {
    Map<String, Funnel.InOut> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, new Funnel.InOut(v[0], v[1])));
    return out;
  }

  /** Writes the kept records' lines in input order from the driver; returns how many. */
  private static long writeKept(JavaRDD<Item> alive, Path outDir) {
    long n = 0;
    try {
      Files.createDirectories(outDir);
      try (BufferedWriter w = Files.newBufferedWriter(outDir.resolve(FilterOutputs.KEPT),
          StandardCharsets.UTF_8)) {
        Iterator<String> kept = alive.sortBy(Item::line, true, alive.getNumPartitions())
            .map(Item::json).toLocalIterator();
        while (kept.hasNext()) {
          w.write(kept.next());
          w.write('\n');
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kept records into " + outDir, e);
    }
    return n;
  }
}
