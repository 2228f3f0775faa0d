package org.distill4j.filtering.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Verdict;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.JsonLinesWriter;
import org.distill4j.core.io.RejectFile;
import org.distill4j.filtering.diversity.DiversityReport;
import org.distill4j.filtering.stage.Assessment;
import org.distill4j.filtering.stage.Critic;
import org.distill4j.filtering.stage.Stage;

/**
 * Streams a corpus through a chain of stages and writes the outcome to a folder:
 * {@code kept.jsonl} (records every stage kept, with their verdicts and scores),
 * {@code rejected.jsonl} (each record with the verdict of the stage that rejected it),
 * {@code invalid.jsonl} (input lines that are not valid records, with file:line and problem) and
 * {@code funnel.json}, and {@code diversity.json} of the kept records ({@link FilterOutputs}).
 *
 * <p>Memory is bounded by the batch size plus the compact state of the stateful critics. A
 * whole-corpus stage makes the run spool the records reaching it to a temporary file in the staging
 * folder, which is deleted at the end. {@link #run} writes into a staging folder and swaps the files
 * in only when the run completes ({@link StagedOutput}). Every input line ends in exactly one of kept, rejected or
 * invalid; the run checks this before it returns and fails if the counts disagree.
 */
public final class FilterRun {
  private final List<Stage> stages;
  private final int batchSize;

  /**
   * @param stages the chain, in order; names must be unique
   * @param batchSize records per batch handed to each critic (embedding critics batch by this)
   */
  public FilterRun(List<Stage> stages, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, found " + batchSize);
    }
    Set<String> names = new HashSet<>();
    for (Stage s : stages) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("two stages are named \"" + s.name()
            + "\"; give each stage a unique name");
      }
    }
    this.stages = List.copyOf(stages);
    this.batchSize = batchSize;
  }

  /** The files a run writes, in the order they are swapped in: kept records last. */
  public static final List<String> OUTPUTS = FilterOutputs.ALL;

  /**
   * What a run found: the funnel ({@code funnel.json}) and the diversity of the kept records
   * ({@code diversity.json}).
   */
  public record Outcome(Funnel funnel, DiversityReport diversity) {}

  /**
   * Runs the chain over {@code input} and replaces the results in {@code outDir}: the new files
   * are written beside the old ones and swapped in only when the run completes, so a run that
   * fails leaves the earlier results untouched.
   */
  public Funnel run(Path input, Path outDir) {
    return runWithReport(input, outDir).funnel();
  }

  /** As {@link #run}, also returning the diversity of the kept records. */
  public Outcome runWithReport(Path input, Path outDir) {
    try (StagedOutput staged = StagedOutput.beside(outDir)) {
      // Counted as the kept records are written: reading kept.jsonl back cost a quarter of a
      // dedup run's CPU.
      DiversityReport.Tally tally = new DiversityReport.Tally();
      Funnel funnel = writeInto(input, staged.dir(), tally);
      DiversityReport diversity = tally.report();
      writeDiversity(staged.dir(), diversity);
      staged.commit(OUTPUTS);
      return new Outcome(funnel, diversity);
    }
  }

  /**
   * Writes {@code diversity.json} of the kept records in {@code dir} (from its {@code kept.jsonl}):
   * for other engines that write the same outputs.
   */
  public static DiversityReport writeDiversity(Path dir) {
    DiversityReport diversity;
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(
        dir.resolve(FilterOutputs.KEPT), CorpusRecord.class);
        Stream<CorpusRecord> kept = r.records(BadLinePolicy.failFast())) {
      diversity = DiversityReport.of(kept.iterator());
    }
    writeDiversity(dir, diversity);
    return diversity;
  }

  private static void writeDiversity(Path dir, DiversityReport diversity) {
    try {
      CorpusJson.json().writerWithDefaultPrettyPrinter()
          .writeValue(dir.resolve(FilterOutputs.DIVERSITY).toFile(), diversity);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + FilterOutputs.DIVERSITY, e);
    }
  }

  /**
   * Runs the chain over {@code input} and writes every output but {@code diversity.json} into
   * {@code outDir} directly, over whatever is there: a staging folder. The kept records are
   * also counted into {@code tally}.
   */
  private Funnel writeInto(Path input, Path outDir, DiversityReport.Tally tally) {
    try {
      Files.createDirectories(outDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + outDir, e);
    }
    List<Funnel.Counter> counters = new ArrayList<>();
    for (Stage s : stages) {
      counters.add(new Funnel.Counter(s));
    }
    long inputLines;
    long invalid;
    long kept;
    long rejected;
    List<Path> spools = new ArrayList<>();
    List<Integer> starts = segmentStarts();
    try {
      // Start empty so that writing into a used folder never mixes with earlier invalid lines.
      Files.deleteIfExists(outDir.resolve(FilterOutputs.INVALID));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (RejectFile invalidLines = RejectFile.appendingTo(outDir.resolve(FilterOutputs.INVALID));
        JsonLinesWriter<CorpusRecord> rejectedOut =
            JsonLinesWriter.overwrite(outDir.resolve(FilterOutputs.REJECTED))) {
      Path source = input;
      long[] inputCount = new long[1];
      long keptCount = 0;
      for (int seg = 0; seg + 1 < starts.size(); seg++) {
        boolean last = seg + 2 == starts.size();
        Path sink = last ? outDir.resolve(FilterOutputs.KEPT)
            : outDir.resolve(".spool-" + starts.get(seg + 1) + ".jsonl");
        if (!last) {
          spools.add(sink);
        }
        long written = runSegment(source, seg == 0 ? invalidLines : null, inputCount,
            starts.get(seg), starts.get(seg + 1), counters, rejectedOut,
            new Sink(sink, last ? tally : null));
        keptCount = written;
        source = sink;
      }
      inputLines = inputCount[0];
      invalid = invalidLines.count();
      kept = keptCount;
      rejected = rejectedOut.written();
    } finally {
      for (Path spool : spools) {
        try {
          Files.deleteIfExists(spool);
        } catch (IOException ignored) {
          // A leftover spool file is harmless; the next run overwrites it.
        }
      }
    }
    return writeFunnel(outDir, new Funnel(inputLines, invalid,
        counters.stream().map(Funnel.Counter::freeze).toList(), kept, rejected));
  }

  /**
   * Where each segment of the chain starts (a whole-corpus stage starts a new one, since it must
   * see everything before it judges), with the number of stages as the last entry.
   */
  private List<Integer> segmentStarts() {
    List<Integer> starts = new ArrayList<>(List.of(0));
    for (int i = 1; i < stages.size(); i++) {
      if (stages.get(i) instanceof Stage.WholeCorpus) {
        starts.add(i);
      }
    }
    starts.add(stages.size());
    return starts;
  }

  /** Checks that every input line ended somewhere, and writes {@code funnel.json}. */
  private static Funnel writeFunnel(Path outDir, Funnel f) {
    if (f.input() != f.invalidLines() + f.kept() + f.rejected()) {
      throw new IllegalStateException("accounting mismatch: " + f.input() + " input lines but "
          + f.invalidLines() + " invalid + " + f.kept() + " kept + " + f.rejected()
          + " rejected");
    }
    try {
      CorpusJson.json().writerWithDefaultPrettyPrinter()
          .writeValue(outDir.resolve(FilterOutputs.FUNNEL).toFile(), f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + FilterOutputs.FUNNEL, e);
    }
    return f;
  }

  /**
   * Runs stages [from, to) over {@code source}; stage {@code from} may be whole-corpus, in which
   * case it first observes the whole source. Returns the number of records written to the sink.
   */
  private long runSegment(Path source, RejectFile invalidLines, long[] inputCount, int from,
      int to, List<Funnel.Counter> counters, JsonLinesWriter<CorpusRecord> rejectedOut,
      Sink sink) {
    List<Critic> critics = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Stage stage = stages.get(i);
      if (stage instanceof Stage.Streaming s) {
        critics.add(s.critic());
      } else if (stage instanceof Stage.WholeCorpus w) {
        try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(source, CorpusRecord.class);
            // Bad lines are skipped here and counted once, in the judging pass below.
            Stream<CorpusRecord> all = reader.records(line -> { })) {
          critics.add(w.critic().observe(all.iterator()));
        }
      }
    }
    BadLinePolicy policy = invalidLines != null ? invalidLines : BadLinePolicy.failFast();
    try (JsonLinesReader<CorpusRecord> reader = JsonLinesReader.open(source, CorpusRecord.class);
        Stream<CorpusRecord> records = reader.records(policy);
        JsonLinesWriter<CorpusRecord> out = JsonLinesWriter.overwrite(sink.file())) {
      Iterator<CorpusRecord> it = records.iterator();
      List<CorpusRecord> batch = new ArrayList<>(batchSize);
      while (it.hasNext()) {
        batch.add(it.next());
        if (batch.size() == batchSize || !it.hasNext()) {
          List<CorpusRecord> survivors = batch;
          for (int i = 0; i < critics.size() && !survivors.isEmpty(); i++) {
            survivors = apply(stages.get(from + i), critics.get(i), survivors,
                counters.get(from + i), rejectedOut);
          }
          survivors.forEach(out::write);
          if (sink.tally() != null) {
            survivors.forEach(sink.tally()::add);
          }
          batch = new ArrayList<>(batchSize);
        }
      }
      if (invalidLines != null) {
        inputCount[0] = reader.goodLines() + reader.badLines();
      }
      out.flush();
      rejectedOut.flush();
      return out.written();
    }
  }

  /** Where a segment writes its survivors, and the tally that counts them (the last segment's). */
  private record Sink(Path file, DiversityReport.Tally tally) {}

  private static List<CorpusRecord> apply(Stage stage, Critic critic, List<CorpusRecord> batch,
      Funnel.Counter counter, JsonLinesWriter<CorpusRecord> rejectedOut) {
    List<Assessment> verdicts = critic.assess(batch);
    if (verdicts.size() != batch.size()) {
      throw new IllegalStateException("stage \"" + stage.name() + "\" returned " + verdicts.size()
          + " assessments for " + batch.size() + " records");
    }
    List<CorpusRecord> survivors = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Assessment a = verdicts.get(i);
      CorpusRecord r = batch.get(i);
      counter.count(r, a.kept());
      if (a.replacement() != null) {
        // New content, new id; where it came from and what earlier stages said stay with it.
        r = new CorpusRecord(null, r.externalId(), a.replacement(), r.provenance(), r.scores(),
            r.verdicts());
      }
      for (Map.Entry<String, Double> score : a.scores().entrySet()) {
        String key = score.getKey().isEmpty() ? stage.name() : stage.name() + "." + score.getKey();
        r = r.withScore(key, score.getValue());
      }
      if (a.kept()) {
        survivors.add(r.withVerdict(new Verdict.Kept(stage.name())));
      } else {
        rejectedOut.write(r.withVerdict(new Verdict.Rejected(stage.name(), a.reason())));
      }
    }
    return survivors;
  }
}
