package org.distill4j.bench.kb;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.store.RecordGraph;

/**
 * Ingest of one JSON Lines corpus file ({@code kept.jsonl}, what {@code distill filter} writes)
 * against Jena's phased bulk loader, with the parsing of that file inside both clocks:
 *
 * <ul>
 *   <li>candidate: {@code KnowledgeBase.ingestFiles} on a fresh directory (parse, SHACL per
 *       record, TDB2 write, Lucene index, crash journal);
 *   <li>baseline: the same file read line by line, each record parsed with the same Jackson
 *       mapper, written back as the same canonical JSON and turned into the same triples by
 *       {@link RecordGraph}, streamed into {@code LoaderFactory.phasedLoader} on a fresh TDB2
 *       database.
 * </ul>
 *
 * <p>After one untimed round of each, each round runs both, and which runs first alternates (odd rounds: candidate first). Opening
 * the empty stores is inside both clocks; closing them is outside both.
 */
final class IngestComparison {
  private final Path work;
  private final int batch;

  IngestComparison(Path work, int batch) {
    this.work = work;
    this.batch = batch;
  }

  /** One side's round: triples stored, wall and whole-process CPU nanoseconds. */
  record Load(long triples, long wallNanos, long cpuNanos) {
    double perWallSecond() {
      return triples / (wallNanos / 1e9);
    }

    double perCpuSecond() {
      return triples / (cpuNanos / 1e9);
    }
  }

  /** Where the last round left its candidate store and its baseline database. */
  record Result(Path kbDir, Path baselineDir) {}

  /** Writes the records as JSON Lines (untimed), warms both sides up, runs {@code rounds}. */
  Result run(List<CorpusRecord> records, int rounds) throws IOException {
    Path kept = write(records, work.resolve("kept.jsonl"));
    // A whole untimed round of each side first: with a 10,000-record warm-up the candidate's
    // first full round still ran partly interpreted (0.21 against 0.96 in the next round).
    Load warmC = candidate(kept, work.resolve("warm-kb"));
    Load warmB = baseline(kept, work.resolve("warm-tdb2"));
    System.out.printf(Locale.ROOT, "warm-up round (untimed, a fresh JVM's cold run): candidate"
            + " %.1f s wall, baseline %.1f s wall, ratio %.2f%n", warmC.wallNanos() / 1e9,
        warmB.wallNanos() / 1e9, warmC.perWallSecond() / warmB.perWallSecond());
    delete(work.resolve("warm-kb"));
    delete(work.resolve("warm-tdb2"));
    List<Double> wallRatios = new ArrayList<>();
    List<Double> cpuRatios = new ArrayList<>();
    Path kbDir = null;
    Path baseDir = null;
    for (int round = 1; round <= rounds; round++) {
      if (kbDir != null) {
        delete(kbDir);
        delete(baseDir);
      }
      kbDir = work.resolve("kb-" + round);
      baseDir = work.resolve("baseline-tdb2-" + round);
      boolean candidateFirst = round % 2 == 1;
      Load b = candidateFirst ? null : baseline(kept, baseDir);
      Load c = candidate(kept, kbDir);
      if (candidateFirst) {
        b = baseline(kept, baseDir);
      }
      wallRatios.add(c.perWallSecond() / b.perWallSecond());
      cpuRatios.add(c.perCpuSecond() / b.perCpuSecond());
      System.out.printf(Locale.ROOT, "ingest round %d (%s first): candidate %,d triples in %.1f s"
              + " wall, %.1f CPU s; baseline %,d triples in %.1f s wall, %.1f CPU s;"
              + " ratio %.2f per wall s, %.2f per CPU s%n", round,
          candidateFirst ? "candidate" : "baseline", c.triples(), c.wallNanos() / 1e9,
          c.cpuNanos() / 1e9, b.triples(), b.wallNanos() / 1e9, b.cpuNanos() / 1e9,
          wallRatios.get(round - 1), cpuRatios.get(round - 1));
    }
    System.out.printf(Locale.ROOT, "ingest ratio candidate / baseline, median of %d rounds:"
        + " %.2f per wall second, %.2f per CPU second%n", rounds, median(wallRatios),
        median(cpuRatios));
    return new Result(kbDir, baseDir);
  }

  private Load candidate(Path jsonl, Path dir) {
    long[] violations = {0};
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    try (KnowledgeBase kb = KnowledgeBase.open(dir, texts -> {
      throw new IllegalStateException("no vectors in the ingest benchmark");
    })) {
      IngestReport report = kb.ingestFiles(List.of(jsonl),
          new IngestSettings(batch, false, v -> violations[0]++));
      long t1 = System.nanoTime();
      long c1 = cpuNanos();
      long triples = kb.stats().triples();
      if (violations[0] > 0) {
        System.out.printf(Locale.ROOT, "candidate: %,d of %,d records rejected%n", violations[0],
            report.read());
      }
      return new Load(triples, t1 - t0, c1 - c0);
    }
  }

  private static Load baseline(Path jsonl, Path dir) throws IOException {
    ObjectReader reader = CorpusJson.json().readerFor(CorpusRecord.class);
    ObjectWriter writer = CorpusJson.json().writer();
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
    DataLoader loader = LoaderFactory.phasedLoader(dsg, (fmt, fmtArgs) -> { });
    loader.startBulk();
    StreamRDF dest = loader.stream();
    try (BufferedReader in = Files.newBufferedReader(jsonl)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        CorpusRecord r = reader.readValue(line);
        for (Triple t : RecordGraph.triples(r, writer.writeValueAsString(r))) {
          dest.triple(t);
        }
      }
    }
    loader.finishBulk();
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    long triples = Txn.calculateRead(dsg, () -> dsg.getDefaultGraph().size());
    TDBInternal.expel(dsg);
    return new Load(triples, t1 - t0, c1 - c0);
  }

  private static Path write(List<CorpusRecord> records, Path file) throws IOException {
    ObjectWriter writer = CorpusJson.json().writer();
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (CorpusRecord r : records) {
        out.write(writer.writeValueAsString(r));
        out.newLine();
      }
    }
    return file;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int mid = s.size() / 2;
    return s.size() % 2 == 1 ? s.get(mid) : (s.get(mid - 1) + s.get(mid)) / 2;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
