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
import org.apache.jena.system.Txn;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.importer.AtomicCsvImporter;
import org.distill4j.kb.importer.WordNetImporter;
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
 *   <li>ingest of WordNet 3.1 + an ATOMIC 2019 CSV, as one JSON Lines file, by
 *       {@code KnowledgeBase.ingestFiles} against Jena's phased bulk loader of the same triples,
 *       parsing inside both clocks, in alternating rounds ({@link IngestComparison};
 *       {@code -Dkb.rounds}, default 2);
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
  private static final int ROUNDS = Integer.getInteger("kb.rounds", 2);

  private KnowledgeBaseBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path atomic = Path.of(args[0]);
    Path work = Path.of(args[1]);
    long wordnetLimit = args.length > 2 ? Long.parseLong(args[2]) : 0;
    int vectorRecords = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
    Files.createDirectories(work);
    Random random = new Random(42);

    List<CorpusRecord> records = read(atomic, wordnetLimit);
    IngestComparison.Result ingest = new IngestComparison(work, BATCH).run(records, ROUNDS);
    Path baseDir = ingest.baselineDir();
    KnowledgeBase kb = KnowledgeBase.open(ingest.kbDir(), texts -> {
      throw new IllegalStateException("no vectors in the ingest benchmark");
    });
    KbStats stats = kb.stats();
    System.out.printf(Locale.ROOT, "candidate store: %,d records, %,d RDF triples%n",
        stats.records(), stats.triples());

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
   * WordNet and ATOMIC records, read before any timing; {@link IngestComparison} writes them as
   * the JSON Lines file both timed sides start from.
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
}
