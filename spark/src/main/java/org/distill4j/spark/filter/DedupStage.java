package org.distill4j.spark.filter;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.filtering.chain.FilterSpec;
import org.distill4j.spark.dedup.DedupShuffles;
import org.distill4j.spark.dedup.Item;
import org.distill4j.spark.dedup.Rejection;
import scala.Tuple2;

/**
 * An exact-dedup or near-dedup stage of a chain, as shuffles ({@link DedupShuffles}), with the
 * local critics' verdicts and reasons added to the records. One difference: a near duplicate's
 * kept record carries no {@code near-dedup} score here (locally, the similarity of its closest
 * candidate below the threshold), since only pairs at or above the threshold are computed.
 */
final class DedupStage {
  private DedupStage() {}

  static boolean handles(FilterSpec f) {
    return f instanceof FilterSpec.ExactDedup || f instanceof FilterSpec.NearDedup;
  }

  static JavaRDD<Judged> judge(FilterSpec f, String name, JavaRDD<Tuple2<Long, String>> alive,
      JavaSparkContext jsc) {
    JavaRDD<Item> items = alive.map(t -> Item.parse(t._1(), t._2()));
    Map<Long, Rejection> dropped;
    boolean exact = f instanceof FilterSpec.ExactDedup;
    if (f instanceof FilterSpec.NearDedup n) {
      // The local stage's defaults (FilterSpec.NearDedup): 0.8, word bigrams, 8 bands of 4.
      dropped = DedupShuffles.near(items, or(n.threshold(), 0.8), or(n.shingleWords(), 2),
          or(n.bands(), 8), or(n.rows(), 4));
    } else {
      dropped = DedupShuffles.exact(items);
    }
    Broadcast<Map<Long, Rejection>> gone = jsc.broadcast(Map.copyOf(dropped));
    return alive.map(t -> {
      CorpusRecord r = CorpusJson.json().readValue(t._2(), CorpusRecord.class);
      Rejection why = gone.value().get(t._1());
      CorpusRecord out = why == null ? r.withVerdict(new Verdict.Kept(name))
          : r.withScore(name, why.similarity()).withVerdict(new Verdict.Rejected(name,
              String.format(Locale.ROOT, exact ? "exact duplicate of %s (similarity %.2f)"
                  : "near duplicate of %s (jaccard %.2f)", why.of(), why.similarity())));
      return new Judged(t._1(), RecordStage.json(out), why == null, r.knowledge().kind().id(),
          r.knowledge().relation());
    });
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
