package org.distill4j.spark.filter;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaRDD;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.stage.GroupedCorpusCritic;
import org.distill4j.filtering.stage.Stage;
import scala.Tuple2;

/**
 * A whole-corpus stage whose critic keeps its state per group ({@link GroupedCorpusCritic}:
 * self-consistency per question, contradictions per adjective), as one shuffle. Each record is
 * keyed by its group; the shuffle sends every group whole to one partition and sorts each
 * partition by input line; each task builds the stage, lets it observe its partition's records
 * and then judges them, as the local run does over the whole corpus. Since groups never change
 * each other's verdicts and each group is observed in input order, the verdicts are the local
 * ones. Records without a group (kinds the critic does not judge) are spread by line.
 *
 * <p>Memory: a task holds its partition's records for the two passes (the local run spools them
 * to a file instead); one group is never split, so the largest group bounds a task from below.
 */
final class CorpusStage {
  private CorpusStage() {}

  /**
   * The shuffle key.
   *
   * @param group the record's group, null for none
   * @param line its input line
   */
  record Key(String group, long line) implements Serializable {}

  /** A group's records go to one partition; a record without a group goes by its line. */
  static final class ByGroup extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int partitions;

    ByGroup(int partitions) {
      this.partitions = partitions;
    }

    @Override
    public int numPartitions() {
      return partitions;
    }

    @Override
    public int getPartition(Object key) {
      Key k = (Key) key;
      // String.hashCode is fixed by the language, so every executor agrees on it.
      int h = k.group() == null ? Long.hashCode(k.line()) : k.group().hashCode();
      return Math.floorMod(h, partitions);
    }
  }

  /** Input order within a partition: the order the local run observes each group in. */
  static final class ByLine implements Comparator<Key>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public int compare(Key a, Key b) {
      return Long.compare(a.line(), b.line());
    }
  }

  static JavaRDD<Judged> judge(StageRef ref, JavaRDD<Tuple2<Long, String>> alive) {
    int partitions = Math.max(1, alive.getNumPartitions());
    return alive.mapPartitionsToPair(rows -> keys(ref, rows))
        .repartitionAndSortWithinPartitions(new ByGroup(partitions), new ByLine())
        .mapPartitions(rows -> observeThenJudge(ref, rows));
  }

  private static GroupedCorpusCritic critic(ChainConfig.Chain chain) {
    return (GroupedCorpusCritic) ((Stage.WholeCorpus) StageRef.stage(chain)).critic();
  }

  private static Iterator<Tuple2<Key, String>> keys(StageRef ref,
      Iterator<Tuple2<Long, String>> rows) {
    List<Tuple2<Key, String>> out = new ArrayList<>();
    try (ChainConfig.Chain chain = ref.build(ref.config())) {
      GroupedCorpusCritic critic = critic(chain);
      while (rows.hasNext()) {
        Tuple2<Long, String> row = rows.next();
        String group = critic.group(RecordStage.parse(row._2()));
        out.add(new Tuple2<>(new Key(group, row._1()), row._2()));
      }
    }
    return out.iterator();
  }

  /** Both passes of the local run over one partition's groups, in input order. */
  private static Iterator<Judged> observeThenJudge(StageRef ref,
      Iterator<Tuple2<Key, String>> rows) {
    List<Long> lines = new ArrayList<>();
    List<CorpusRecord> records = new ArrayList<>();
    while (rows.hasNext()) {
      Tuple2<Key, String> row = rows.next();
      lines.add(row._1().line());
      records.add(RecordStage.parse(row._2()));
    }
    ChainConfig config = ref.config();
    List<Judged> out = new ArrayList<>(records.size());
    try (ChainConfig.Chain chain = ref.build(config)) {
      String name = StageRef.stage(chain).name();
      Critic critic = critic(chain).observe(records.iterator());
      int batch = config.batchSizeOrDefault();
      for (int from = 0; from < records.size(); from += batch) {
        int to = Math.min(records.size(), from + batch);
        RecordStage.judge(name, critic, lines.subList(from, to), records.subList(from, to), out);
      }
    }
    return out.iterator();
  }
}
