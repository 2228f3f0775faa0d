package org.distill4j.spark.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.stage.Stage;
import scala.Tuple2;

/**
 * A per-record stage run in one partition: the executor builds the chain from its file
 * ({@link StageRef}) and judges the partition in batches of the chain's batch size, applying
 * each assessment as the local run does. The other stages judge through {@link #judge} and
 * {@link #apply} too, so every route writes verdicts and scores the same way.
 */
final class RecordStage implements FlatMapFunction<Iterator<Tuple2<Long, String>>, Judged> {
  private static final long serialVersionUID = 1L;
  private final StageRef ref;

  RecordStage(StageRef ref) {
    this.ref = ref;
  }

  @Override
  public Iterator<Judged> call(Iterator<Tuple2<Long, String>> rows) throws Exception {
    ChainConfig config = ref.config();
    List<Judged> out = new ArrayList<>();
    try (ChainConfig.Chain chain = ref.build(config)) {
      Stage.Streaming stage = (Stage.Streaming) StageRef.stage(chain);
      List<Long> lines = new ArrayList<>();
      List<CorpusRecord> batch = new ArrayList<>();
      while (rows.hasNext()) {
        Tuple2<Long, String> row = rows.next();
        lines.add(row._1());
        batch.add(parse(row._2()));
        if (batch.size() == config.batchSizeOrDefault() || !rows.hasNext()) {
          judge(stage.name(), stage.critic(), lines, batch, out);
          lines.clear();
          batch.clear();
        }
      }
    }
    return out.iterator();
  }

  /** Judges one batch with {@code critic}, adding each outcome to {@code out}. */
  static void judge(String stage, Critic critic, List<Long> lines, List<CorpusRecord> batch,
      List<Judged> out) {
    List<Assessment> verdicts = critic.assess(batch);
    if (verdicts.size() != batch.size()) {
      throw new IllegalStateException("stage \"" + stage + "\" returned "
          + verdicts.size() + " assessments for " + batch.size() + " records");
    }
    for (int i = 0; i < batch.size(); i++) {
      out.add(apply(stage, lines.get(i), batch.get(i), verdicts.get(i)));
    }
  }

  /**
   * The record as it leaves the stage, as the local run writes it: content replaced when the
   * stage rewrote it, scores under {@code stage} or {@code stage.key}, the stage's verdict.
   */
  static Judged apply(String stage, long line, CorpusRecord judged, Assessment a) {
    CorpusRecord r = judged;
    if (a.replacement() != null) {
      r = new CorpusRecord(null, r.externalId(), a.replacement(), r.provenance(), r.scores(),
          r.verdicts());
    }
    for (Map.Entry<String, Double> score : a.scores().entrySet()) {
      String key = score.getKey().isEmpty() ? stage : stage + "." + score.getKey();
      r = r.withScore(key, score.getValue());
    }
    r = r.withVerdict(a.kept() ? new Verdict.Kept(stage) : new Verdict.Rejected(stage, a.reason()));
    return new Judged(line, json(r), a.kept(), judged.knowledge().kind().id(),
        judged.knowledge().relation());
  }

  static CorpusRecord parse(String json) {
    try {
      return CorpusJson.json().readValue(json, CorpusRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String json(CorpusRecord r) {
    try {
      return CorpusJson.json().writeValueAsString(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
