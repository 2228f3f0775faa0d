package org.distill4j.spark.filter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
import org.distill4j.filtering.stage.Stage;
import scala.Tuple2;

/**
 * A per-record stage run in one partition: the executor builds the chain from its file (a
 * critic holds models and cannot travel), takes stage {@code index}, and judges the partition
 * in batches of the chain's batch size, applying each assessment as the local run does.
 */
final class RecordStage implements FlatMapFunction<Iterator<Tuple2<Long, String>>, Judged> {
  private static final long serialVersionUID = 1L;
  private final String chainFile;
  private final int index;

  RecordStage(Path chainFile, int index) {
    this.chainFile = chainFile.toAbsolutePath().toString();
    this.index = index;
  }

  @Override
  public Iterator<Judged> call(Iterator<Tuple2<Long, String>> rows) throws Exception {
    Path file = Path.of(chainFile);
    ChainConfig config = ChainConfig.read(file);
    List<Judged> out = new ArrayList<>();
    try (ChainConfig.Chain chain = config.stages(file.toAbsolutePath().getParent())) {
      Stage.Streaming stage = (Stage.Streaming) chain.stages().get(index);
      List<Long> lines = new ArrayList<>();
      List<CorpusRecord> batch = new ArrayList<>();
      while (rows.hasNext()) {
        Tuple2<Long, String> row = rows.next();
        lines.add(row._1());
        batch.add(CorpusJson.json().readValue(row._2(), CorpusRecord.class));
        if (batch.size() == config.batchSizeOrDefault() || !rows.hasNext()) {
          judge(stage, lines, batch, out);
          lines.clear();
          batch.clear();
        }
      }
    }
    return out.iterator();
  }

  private static void judge(Stage.Streaming stage, List<Long> lines, List<CorpusRecord> batch,
      List<Judged> out) {
    List<Assessment> verdicts = stage.critic().assess(batch);
    if (verdicts.size() != batch.size()) {
      throw new IllegalStateException("stage \"" + stage.name() + "\" returned "
          + verdicts.size() + " assessments for " + batch.size() + " records");
    }
    for (int i = 0; i < batch.size(); i++) {
      Assessment a = verdicts.get(i);
      CorpusRecord judged = batch.get(i);
      CorpusRecord r = judged;
      if (a.replacement() != null) {
        r = new CorpusRecord(null, r.externalId(), a.replacement(), r.provenance(), r.scores(),
            r.verdicts());
      }
      for (Map.Entry<String, Double> score : a.scores().entrySet()) {
        String key = score.getKey().isEmpty() ? stage.name() : stage.name() + "." + score.getKey();
        r = r.withScore(key, score.getValue());
      }
      r = r.withVerdict(a.kept() ? new Verdict.Kept(stage.name())
          : new Verdict.Rejected(stage.name(), a.reason()));
      out.add(new Judged(lines.get(i), json(r), a.kept(), judged.knowledge().kind().id(),
          judged.knowledge().relation()));
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
