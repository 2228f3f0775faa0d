package org.distill4j.spark.filter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.dedup.KeptVectors;
import org.distill4j.filtering.dedup.SemanticDedupCritic;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Stage;
import scala.Tuple2;

/**
 * semantic-dedup: the embedding, which is the cost, runs in every partition on the executors
 * (each task embeds through the chain's own critic, in batches of the chain's batch size); the
 * greedy rule, which is sequential by nature (a record is a duplicate of an earlier record only
 * if that one was kept), runs on the driver with the local critic's own {@link KeptVectors},
 * over the vectors streamed back in input order. The driver holds the kept records' vectors
 * (384 floats each, as the local critic does) and one small verdict per record.
 */
final class SemanticStage {
  private SemanticStage() {}

  /**
   * A record's vector.
   *
   * @param line its input line
   * @param id the record id, named in later rejections
   * @param vector its embedding, as the embedder returned it
   */
  record Embedded(long line, String id, float[] vector) implements Serializable {}

  /**
   * An {@link Assessment} on its way from the driver to the executors.
   *
   * @param kept whether the record stays
   * @param reason why not; null when kept
   * @param scores the scores to add
   */
  record Decision(boolean kept, String reason, TreeMap<String, Double> scores)
      implements Serializable {
    static Decision of(Assessment a) {
      return new Decision(a.kept(), a.reason(), new TreeMap<>(a.scores()));
    }

    Assessment assessment() {
      return new Assessment(kept, reason, scores);
    }
  }

  static JavaRDD<Judged> judge(StageRef ref, JavaRDD<Tuple2<Long, String>> alive,
      JavaSparkContext jsc) {
    double threshold;
    String name;
    try (ChainConfig.Chain chain = ref.build(ref.config())) {
      Stage.Streaming stage = (Stage.Streaming) StageRef.stage(chain);
      threshold = ((SemanticDedupCritic) stage.critic()).threshold();
      name = stage.name();
    }
    // Sorted before embedding, so each partition's vectors come back in input order; kept
    // until the driver has read them, so that they are computed once, in parallel.
    JavaRDD<Embedded> vectors = alive.sortBy(Tuple2::_1, true, Math.max(1,
        alive.getNumPartitions())).mapPartitions(rows -> embed(ref, rows))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Map<Long, Decision> decisions = new HashMap<>();
    try {
      vectors.count();
      KeptVectors kept = new KeptVectors(threshold);
      Iterator<Embedded> inOrder = vectors.toLocalIterator();
      while (inOrder.hasNext()) {
        Embedded e = inOrder.next();
        decisions.put(e.line(), Decision.of(kept.offer(e.id(), e.vector())));
      }
    } finally {
      vectors.unpersist(false);
    }
    Broadcast<Map<Long, Decision>> verdicts = jsc.broadcast(decisions);
    return alive.map(t -> RecordStage.apply(name, t._1(), RecordStage.parse(t._2()),
        verdicts.value().get(t._1()).assessment()));
  }

  private static Iterator<Embedded> embed(StageRef ref, Iterator<Tuple2<Long, String>> rows) {
    ChainConfig config = ref.config();
    List<Embedded> out = new ArrayList<>();
    try (ChainConfig.Chain chain = ref.build(config)) {
      SemanticDedupCritic critic = (SemanticDedupCritic)
          ((Stage.Streaming) StageRef.stage(chain)).critic();
      List<Long> lines = new ArrayList<>();
      List<CorpusRecord> batch = new ArrayList<>();
      while (rows.hasNext()) {
        Tuple2<Long, String> row = rows.next();
        lines.add(row._1());
        batch.add(RecordStage.parse(row._2()));
        if (batch.size() == config.batchSizeOrDefault() || !rows.hasNext()) {
          List<float[]> v = critic.embed(batch);
          for (int i = 0; i < batch.size(); i++) {
            out.add(new Embedded(lines.get(i), batch.get(i).id(), v.get(i)));
          }
          lines.clear();
          batch.clear();
        }
      }
    }
    return out.iterator();
  }
}
