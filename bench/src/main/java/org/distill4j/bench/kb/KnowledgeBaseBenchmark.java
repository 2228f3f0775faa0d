package org.distill4j.bench.kb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.export.ExportFormat;
import org.distill4j.kb.export.KnowledgeExporter;
import org.distill4j.kb.importer.AtomicCsvImporter;
import org.distill4j.kb.importer.WordNetImporter;
import org.distill4j.kb.ingest.IngestReport;
import org.distill4j.kb.ingest.IngestSettings;
import org.distill4j.kb.ingest.KbStats;
import org.distill4j.kb.ingest.KnowledgeBase;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;
import org.distill4j.kb.store.RecordGraph;
import org.distill4j.kb.vocabulary.KD;
import org.distill4j.neural.MiniLm;

/**
 * End-to-end knowledge-base benchmark, baseline and candidate in one process:
 *
 * <ol>
 *   <li>candidate: {@code KnowledgeBase.ingest} (SHACL check, TDB2 write, Lucene index, journal)
 *       of WordNet 3.1 + an ATOMIC 2019 CSV without vectors, in RDF triples per second;
 *   <li>baseline: the same triples exported as N-Triples and loaded into an empty TDB2 database
 *       by Jena's phased bulk loader ({@code LoaderFactory.phasedLoader});
 *   <li>SPARQL point look-ups (one record's text by IRI), p50/p99;
 *   <li>BM25 search on the whole store, p50/p95;
 *   <li>hybrid search on a smaller store with vectors (all-MiniLM-L6-v2), p50/p95;
 *   <li>disk sizes.
 * </ol>
 *
 * <p>Both sides first run once on the first 10,000 records (untimed warm-up).
 *
 * <p>Usage: {@code KnowledgeBaseBenchmark ATOMIC_CSV WORK_DIR [wordnet-limit] [vector-records]}
 * (wordnet-limit 0 = all; vector-records default 2000). WORK_DIR must not exist or be empty.
 */
public final class KnowledgeBaseBenchmark {
  private static final int LOOKUPS = 2000;
  private static final int SEARCHES = 500;
  private static final int BATCH = Integer.getInteger("kb.batch", 20000);

  private KnowledgeBaseBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path atomic = Path.of(args[0]);
    Path work = Path.of(args[1]);
    long wordnetLimit = args.length > 2 ? Long.parseLong(args[2]) : 0;
    int vectorRecords = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    Files.createDirectories(work);
    Random random = new Random(42);

    long[] violations = {0};
    IngestSettings settings = new IngestSettings(BATCH, false, v -> violations[0]++);
    KnowledgeBase kb = KnowledgeBase.open(work.resolve("kb"), texts -> {
      throw new IllegalStateException("no vectors in the ingest benchmark");
    });
    List<CorpusRecord> records = read(atomic, wordnetLimit);
    warmUp(records.subList(0, Math.min(10_000, records.size())), work.resolve("warm-up"));
    Candidate candidate = ingest(kb, records, settings, violations);
    KbStats stats = candidate.stats();
    Path baseDir = work.resolve("baseline-tdb2");
    Load baseline = bulkLoad(kb, work.resolve("same-data.nt"), baseDir);
    printIngestRates(candidate.load(), baseline);

    List<String> ids = sample(kb, random);
    List<String> texts = new ArrayList<>();
    for (String id : ids.subList(0, SEARCHES)) {
      kb.get(id).ifPresent(r -> texts.add(r.knowledge().text()));
    }
    long[] lookup = lookUp(kb, ids);
    System.out.printf(Locale.ROOT, "SPARQL point look-up (%d, second pass): p50 %.3f ms,"
        + " p99 %.3f ms%n", lookup.length, pct(lookup, 50), pct(lookup, 99));

    long[] bm25 = time(kb, texts, SearchMode.BM25, 2);
    System.out.printf(Locale.ROOT, "BM25 search k=10 over %,d docs (%d queries): p50 %.3f ms,"
        + " p95 %.3f ms%n", stats.indexDocuments(), bm25.length, pct(bm25, 50), pct(bm25, 95));
    System.out.printf(Locale.ROOT, "disk: store %,d B, index %,d B, total %,d B;"
            + " baseline TDB2 %,d B%n", stats.storeBytes(), stats.indexBytes(),
        stats.totalBytes(), size(baseDir));
    kb.close();

    searchWithVectors(atomic, work.resolve("kb-vectors"), vectorRecords, texts);
  }

  /**
   * WordNet and ATOMIC records, read before and outside any timing: the baseline's input is a
   * ready N-Triples file.
   */
  private static List<CorpusRecord> read(Path atomic, long wordnetLimit) {
    long r0 = System.nanoTime();
    List<CorpusRecord> records = new ArrayList<>();
    try (Stream<CorpusRecord> wn = new WordNetImporter().read(wordnetLimit)) {
      wn.forEach(records::add);
    }
    try (Stream<CorpusRecord> at = new AtomicCsvImporter().read(atomic,
        new AtomicCsvImporter.Counts())) {
      at.forEach(records::add);
    }
    System.out.printf(Locale.ROOT, "read %,d records (WordNet + ATOMIC) in %.1f s%n",
        records.size(), (System.nanoTime() - r0) / 1e9);
    return records;
  }

  /** The candidate: our ingest; {@code settings} count the rejected records in violations. */
  private static Candidate ingest(KnowledgeBase kb, List<CorpusRecord> records,
      IngestSettings settings, long[] violations) {
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    IngestReport report = kb.ingest(records.stream(), settings);
    long t1 = System.nanoTime();
    long c1 = cpuNanos();
    KbStats stats = kb.stats();
    Load load = new Load(stats.triples(), t1 - t0, c1 - c0);
    System.out.printf(Locale.ROOT, "candidate ingest: %,d records in, %,d stored, %,d rejected,"
            + " %,d RDF triples in %.1f s%n",
        report.read(), stats.records(), violations[0], stats.triples(), load.wallSeconds());
    return new Candidate(stats, load);
  }

  /** The baseline: the same triples as N-Triples through Jena's phased bulk loader. */
  private static Load bulkLoad(KnowledgeBase kb, Path nt, Path baseDir) {
    long exported = new KnowledgeExporter(kb.store()).export(ExportFormat.NT, nt);
    DatasetGraph base = DatabaseMgr.connectDatasetGraph(baseDir.toString());
    long bc0 = cpuNanos();
    long b0 = System.nanoTime();
    DataLoader loader = LoaderFactory.phasedLoader(base, (fmt, fmtArgs) -> { });
    loader.startBulk();
    loader.load(nt.toString());
    loader.finishBulk();
    long b1 = System.nanoTime();
    long bc1 = cpuNanos();
    long baseTriples = Txn.calculateRead(base, () -> base.getDefaultGraph().size());
    TDBInternal.expel(base);
    Load load = new Load(baseTriples, b1 - b0, bc1 - bc0);
    System.out.printf(Locale.ROOT, "baseline phased loader: %,d triples (exported %,d) in %.1f s%n",
        baseTriples, exported, load.wallSeconds());
    return load;
  }

  private static void printIngestRates(Load candidate, Load baseline) {
    double candidateRate = candidate.perWallSecond();
    double baselineRate = baseline.perWallSecond();
    System.out.printf(Locale.ROOT, "ingest triples per wall second: candidate %,.0f, baseline"
        + " %,.0f, ratio %.2f%n", candidateRate, baselineRate, candidateRate / baselineRate);
    // CPU time of the whole process: on a shared, overloaded machine wall time mostly measures
    // the neighbours, while CPU seconds measure the work each side does.
    double candidateCpu = candidate.perCpuSecond();
    double baselineCpu = baseline.perCpuSecond();
    System.out.printf(Locale.ROOT, "ingest triples per CPU second: candidate %,.0f (%.1f CPU s),"
            + " baseline %,.0f (%.1f CPU s), ratio %.2f%n", candidateCpu, candidate.cpuSeconds(),
        baselineCpu, baseline.cpuSeconds(), candidateCpu / baselineCpu);
  }

  /** {@code LOOKUPS} record ids drawn uniformly from the whole store (reservoir sampling). */
  private static List<String> sample(KnowledgeBase kb, Random random) {
    List<String> ids = new ArrayList<>();
    long[] seen = {0};
    kb.store().forEachRecord((id, json) -> {
      seen[0]++;
      if (ids.size() < LOOKUPS) {
        ids.add(id);
      } else {
        long j = (long) (random.nextDouble() * seen[0]);
        if (j < LOOKUPS) {
          ids.set((int) j, id);
        }
      }
    });
    return ids;
  }

  /** Nanoseconds of each record's SPARQL text look-up by IRI, in the second of two passes. */
  private static long[] lookUp(KnowledgeBase kb, List<String> ids) {
    Dataset ds = DatasetFactory.wrap(kb.store().dataset());
    long[] lookup = new long[ids.size()];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < ids.size(); i++) {
        String q = "SELECT ?t WHERE { <" + RecordGraph.subject(ids.get(i)).getURI() + "> <"
            + KD.text.getURI() + "> ?t }";
        long s = System.nanoTime();
        int rows = Txn.calculateRead(ds, () -> rows(ds, q));
        lookup[i] = System.nanoTime() - s;
        if (rows != 1) {
          throw new IllegalStateException("look-up of " + ids.get(i) + " found " + rows + " rows");
        }
      }
    }
    return lookup;
  }

  private static int rows(Dataset ds, String query) {
    try (QueryExecution qe = QueryExecution.dataset(ds).query(query).build()) {
      ResultSet rs = qe.execSelect();
      int n = 0;
      while (rs.hasNext()) {
        rs.next();
        n++;
      }
      return n;
    }
  }

  /** Hybrid search on a smaller store built with vectors, beside BM25 on the same store. */
  private static void searchWithVectors(Path atomic, Path vecDir, int vectorRecords,
      List<String> texts) {
    try (KnowledgeBase vkb = KnowledgeBase.open(vecDir, MiniLm.embedder());
        Stream<CorpusRecord> at = new AtomicCsvImporter().read(atomic,
            new AtomicCsvImporter.Counts())) {
      long v0 = System.nanoTime();
      vkb.ingest(at.limit(vectorRecords), new IngestSettings(500, true, v -> { }));
      long v1 = System.nanoTime();
      KbStats vs = vkb.stats();
      System.out.printf(Locale.ROOT, "vector ingest: %,d records with vectors in %.1f s%n",
          vs.vectors(), (v1 - v0) / 1e9);
      List<String> vq = texts.subList(0, Math.min(200, texts.size()));
      long[] hybrid = time(vkb, vq, SearchMode.HYBRID, 2);
      long[] vbm25 = time(vkb, vq, SearchMode.BM25, 2);
      System.out.printf(Locale.ROOT, "on %,d docs with vectors (%d queries): hybrid p50 %.3f ms,"
              + " p95 %.3f ms (includes embedding the query); BM25 p50 %.3f ms, p95 %.3f ms%n",
          vs.indexDocuments(), hybrid.length, pct(hybrid, 50), pct(hybrid, 95),
          pct(vbm25, 50), pct(vbm25, 95));
      System.out.printf(Locale.ROOT, "disk with vectors: index %,d B, vector cache %,d B%n",
          vs.indexBytes(), vs.vectorCacheBytes());
    }
  }

  /**
   * Runs both sides once on a slice of the data, so that neither pays for class loading and JIT
   * compilation of the code they share (Jena's node table and B+trees) in its timed run.
   */
  private static void warmUp(List<CorpusRecord> slice, Path dir) {
    try (KnowledgeBase kb = KnowledgeBase.open(dir.resolve("kb"), texts -> {
      throw new IllegalStateException("no vectors in the warm-up");
    })) {
      kb.ingest(slice.stream(), new IngestSettings(BATCH, false, v -> { }));
      Path nt = dir.resolve("warm.nt");
      new KnowledgeExporter(kb.store()).export(ExportFormat.NT, nt);
      DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.resolve("tdb2").toString());
      DataLoader loader = LoaderFactory.phasedLoader(dsg, (fmt, fmtArgs) -> { });
      loader.startBulk();
      loader.load(nt.toString());
      loader.finishBulk();
      TDBInternal.expel(dsg);
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static long[] time(KnowledgeBase kb, List<String> queries, SearchMode mode,
      int rounds) {
    long[] out = new long[queries.size()];
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < queries.size(); i++) {
        long s = System.nanoTime();
        kb.search(SearchRequest.of(queries.get(i), mode, 10));
        out[i] = System.nanoTime() - s;
      }
    }
    return out;
  }

  private static double pct(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Triples stored, and the wall and whole-process CPU nanoseconds storing them took. */
  private record Load(long triples, long wallNanos, long cpuNanos) {
    double wallSeconds() {
      return wallNanos / 1e9;
    }

    double cpuSeconds() {
      return cpuNanos / 1e9;
    }

    double perWallSecond() {
      return triples / wallSeconds();
    }

    double perCpuSecond() {
      return triples / cpuSeconds();
    }
  }

  /** The candidate's store after its ingest, and the ingest's timing. */
  private record Candidate(KbStats stats, Load load) {}
}
