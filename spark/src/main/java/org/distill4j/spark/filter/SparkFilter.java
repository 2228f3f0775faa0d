package org.distill4j.spark.filter;

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
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.RejectFile;
import org.distill4j.core.lock.FolderLock;
import org.distill4j.filtering.chain.ChainConfig;
import org.distill4j.filtering.chain.FilterOutputs;
import org.distill4j.filtering.chain.FilterRun;
import org.distill4j.filtering.chain.FilterSpec;
import org.distill4j.filtering.chain.Funnel;
import org.distill4j.filtering.chain.StagedOutput;
import org.distill4j.filtering.dedup.SemanticDedupCritic;
import org.distill4j.filtering.stage.GroupedCorpusCritic;
import org.distill4j.filtering.stage.Stage;
import org.distill4j.spark.dedup.Item;
import scala.Tuple2;

/**
 * A filter chain as a Spark job, on the same chain file as {@code distill filter}, each stage on
 * what the stages before it kept: per-record stages run in each partition ({@link RecordStage}),
 * exact-dedup and near-dedup as shuffles ({@link DedupStage}), whole-corpus stages whose state
 * is per group (self-consistency, contradictions) as a shuffle by group ({@link CorpusStage}),
 * and semantic-dedup embeds on the executors and applies its rule on the driver
 * ({@link SemanticStage}). A whole-corpus stage that is not grouped is refused, by name.
 * Writes {@code kept.jsonl} and {@code rejected.jsonl} (in input order), {@code invalid.jsonl},
 * {@code funnel.json} and {@code diversity.json}, as the local run does.
 */
public final class SparkFilter {
  private final SparkSession spark;

  /** A job on this session. */
  public SparkFilter(SparkSession spark) {
    this.spark = spark;
  }

  /**
   * Runs the chain over {@code in}, writing into {@code outDir} as the local run does: under the
   * folder's lock (a second run on it, local or Spark, is refused), every output written beside
   * the old ones and swapped in only when all are complete, so a failed job leaves the earlier
   * outputs as they were.
   */
  public Funnel run(Path chainFile, Path in, Path outDir) {
    ChainConfig config = ChainConfig.read(chainFile);
    List<Planned> plan = plan(chainFile, config);
    try (FolderLock lock = FolderLock.acquire(outDir);
        StagedOutput staged = StagedOutput.beside(outDir)) {
      Funnel funnel = writeInto(chainFile, config, plan, in, staged.dir());
      FilterRun.writeDiversity(staged.dir());
      staged.commit(FilterOutputs.ALL);
      return funnel;
    }
  }

  private Funnel writeInto(Path chainFile, ChainConfig config, List<Planned> plan, Path in,
      Path outDir) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Tuple2<Long, String>> lines = jsc.textFile(in.toAbsolutePath().toUri().toString())
        .zipWithIndex().filter(t -> !t._1().isBlank()).map(t -> new Tuple2<>(t._2() + 1, t._1()));
    long input = lines.count();
    JavaRDD<Tuple2<Long, String>> alive =
        lines.filter(t -> Item.parse(t._1(), t._2()) != null).cache();
    long invalid = writeInvalid(in, lines, outDir);
    List<Funnel.StageCount> stages = new ArrayList<>();
    JavaRDD<Tuple2<Long, String>> rejected = jsc.emptyRDD();
    for (int i = 0; i < config.filters().size(); i++) {
      Planned p = plan.get(i);
      StageRef ref = StageRef.of(chainFile, i);
      JavaRDD<Judged> judged = switch (p.route()) {
        case DEDUP -> DedupStage.judge(config.filters().get(i), p.name(), alive, jsc);
        case GROUPED -> CorpusStage.judge(ref, alive);
        case SEMANTIC -> SemanticStage.judge(ref, alive, jsc);
        case RECORD -> alive.mapPartitions(new RecordStage(ref));
      };
      judged = judged.cache();
      stages.add(count(p, judged));
      rejected = rejected.union(judged.filter(j -> !j.kept())
          .map(j -> new Tuple2<>(j.line(), j.json())));
      alive = judged.filter(Judged::kept).map(j -> new Tuple2<>(j.line(), j.json())).cache();
    }
    long kept = write(alive, outDir.resolve(FilterOutputs.KEPT));
    long dropped = write(rejected, outDir.resolve(FilterOutputs.REJECTED));
    Funnel funnel = new Funnel(input, invalid, stages, kept, dropped);
    try {
      CorpusJson.json().writerWithDefaultPrettyPrinter()
          .writeValue(outDir.resolve(FilterOutputs.FUNNEL).toFile(), funnel);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the funnel into " + outDir, e);
    }
    return funnel;
  }

  /** How a stage runs. */
  enum Route { RECORD, DEDUP, GROUPED, SEMANTIC }

  /** A stage of the chain and how it runs. */
  private record Planned(String name, String type, boolean wholeCorpus, Route route) {}

  /** How each stage runs; refuses a chain with a stage this job cannot run. */
  private static List<Planned> plan(Path chainFile, ChainConfig config) {
    List<Planned> plan = new ArrayList<>();
    try (ChainConfig.Chain chain = config.stages(chainFile.toAbsolutePath().getParent())) {
      for (int i = 0; i < chain.stages().size(); i++) {
        Stage s = chain.stages().get(i);
        plan.add(new Planned(s.name(), s.type(), s instanceof Stage.WholeCorpus,
            route(chainFile, s, config.filters().get(i))));
      }
    }
    return plan;
  }

  /** How stage {@code s} (written as {@code f}) runs; refused when it cannot run here. */
  static Route route(Path chainFile, Stage s, FilterSpec f) {
    if (s instanceof Stage.WholeCorpus w) {
      if (!(w.critic() instanceof GroupedCorpusCritic)) {
        throw new InputException(null, chainFile + ": the Spark filter job cannot run \""
            + s.type() + "\" (filter \"" + s.name() + "\"): its whole-corpus state is not"
            + " kept per group, so it cannot be split across machines; use the local command");
      }
      return Route.GROUPED;
    }
    if (((Stage.Streaming) s).critic() instanceof SemanticDedupCritic) {
      return Route.SEMANTIC;
    }
    return DedupStage.handles(f) ? Route.DEDUP : Route.RECORD;
  }

  /** The stage's funnel line: records in and out, by kind and by relation. */
  private static Funnel.StageCount count(Planned stage, JavaRDD<Judged> judged) {
    Map<Tuple2<String, String>, Long> in =
        judged.map(j -> new Tuple2<>(j.kind(), j.relation())).countByValue();
    Map<Tuple2<String, String>, Long> out = judged.filter(Judged::kept)
        .map(j -> new Tuple2<>(j.kind(), j.relation())).countByValue();
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
    return new Funnel.StageCount(stage.name(), stage.type(), stage.wholeCorpus(), total[0],
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

  /**
   * Writes {@code invalid.jsonl} as the local run does: each input line that is not a record,
   * with the file, its line number, the problem in the local reader's words and the raw text.
   * Returns how many.
   */
  private static long writeInvalid(Path in, JavaRDD<Tuple2<Long, String>> lines, Path outDir) {
    String file = in.toString();
    JavaRDD<Tuple2<Long, String>> bad = lines.filter(t -> Item.parse(t._1(), t._2()) == null)
        .map(t -> {
          String problem = JsonLinesReader.problem(t._2(), CorpusRecord.class);
          RejectFile.RejectedLine line = new RejectFile.RejectedLine(file, t._1(),
              problem == null ? "not a record: it has no knowledge" : problem, t._2());
          return new Tuple2<>(t._1(), CorpusJson.json().writeValueAsString(line));
        });
    return write(bad, outDir.resolve(FilterOutputs.INVALID));
  }

  /** Writes the rows' records in input order from the driver; returns how many. */
  private static long write(JavaRDD<Tuple2<Long, String>> rows, Path file) {
    long n = 0;
    try {
      Files.createDirectories(file.getParent());
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        Iterator<String> it = rows.sortBy(Tuple2::_1, true, Math.max(1, rows.getNumPartitions()))
            .map(Tuple2::_2).toLocalIterator();
        while (it.hasNext()) {
          w.write(it.next());
          w.write('\n');
          n++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return n;
  }
}
