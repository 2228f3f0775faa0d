package org.distill4j.kb.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.jena.graph.Triple;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.io.ParsedLine;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.kb.embed.CachingEmbedder;
import org.distill4j.kb.embed.SqliteVectorCache;
import org.distill4j.kb.index.IndexEntry;
import org.distill4j.kb.index.LuceneIndex;
import org.distill4j.kb.search.KnowledgeBaseRetriever;
import org.distill4j.kb.search.KnowledgeSearcher;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;
import org.distill4j.kb.store.IndexJournal;
import org.distill4j.kb.store.RecordGraph;
import org.distill4j.neural.MiniLm;
import org.distill4j.kb.store.Tdb2KnowledgeStore;

/**
 * A knowledge base folder: a TDB2 store ({@code tdb2/}), a Lucene index ({@code lucene/}) and a
 * vector cache ({@code vectors.sqlite}) kept in step. Open one with {@link #open(Path)}, feed it
 * corpus records with {@link #ingest}, query it with {@link #search} or SPARQL on
 * {@link #store()}, and hand {@link #retriever} to training.
 *
 * <p><b>Crash safety.</b> A batch is written in this order: vectors to the cache; the batch's
 * ids to the {@link IndexJournal} (forced to disk); the records to TDB2 in one write transaction
 * that also stamps batch number n; then the index commit, stamped n. A kill before the index
 * commit leaves the index at n-1; the next {@link #open} sees the gap and re-indexes the
 * journalled ids from the store, using cached vectors. Rerunning the ingest is then a no-op for
 * records already stored. The index never commits a record the store lacks.
 *
 * <p><b>Threads.</b> All store writes run on one writer thread, so any number of threads may
 * call {@link #ingest} and {@link #delete} at once; searches run on the caller's thread. An
 * ingest prepares (serialises, SHACL-validates) the next batch on the caller's thread while the
 * writer stores the previous one, and the index takes a batch's documents while the store
 * writes it.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(KnowledgeBase.class.getName());
  private static final int EMBED_BATCH = 64;

  private final Path directory;
  private final Tdb2KnowledgeStore store;
  private final LuceneIndex index;
  private final SqliteVectorCache vectorCache;
  private final CachingEmbedder embedder;
  private final KnowledgeSearcher searcher;
  private final ShaclRecordValidator validator = new ShaclRecordValidator();
  private final ExecutorService writer;
  private final ExecutorService indexer;
  private final IndexJournal journal;
  private long indexedBatch;
  private volatile RuntimeException broken;

  private KnowledgeBase(Path directory, TextEmbedder model) {
    this.directory = directory;
    // The index first: its write lock is what keeps a second writer out of the folder, and
    // TDB2 connections are shared within a JVM, so the store must not be touched (or closed)
    // by an open that is going to fail.
    LuceneIndex i = LuceneIndex.open(directory.resolve("lucene"));
    Tdb2KnowledgeStore s;
    try {
      s = Tdb2KnowledgeStore.open(directory.resolve("tdb2"));
    } catch (RuntimeException e) {
      i.close();
      throw e;
    }
    this.store = s;
    this.index = i;
    this.vectorCache = SqliteVectorCache.open(directory.resolve("vectors.sqlite"));
    this.embedder = new CachingEmbedder(model, vectorCache, EMBED_BATCH);
    this.searcher = new KnowledgeSearcher(index, () -> embedder);
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kb-writer " + directory.getFileName());
      t.setDaemon(true);
      return t;
    });
    this.indexer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kb-indexer " + directory.getFileName());
      t.setDaemon(true);
      return t;
    });
    this.journal = IndexJournal.open(directory.resolve("index-journal.log"));
    this.indexedBatch = index.committedBatch();
    catchUp();
  }

  /** Opens (creating when missing) the knowledge base in {@code directory}, with all-MiniLM. */
  public static KnowledgeBase open(Path directory) {
    return open(directory, MiniLm.embedder());
  }

  /**
   * Opens the knowledge base in {@code directory} with another embedding model (vectors of one
   * knowledge base must all come from the same model). The model is only called for texts the
   * vector cache does not hold.
   */
  public static KnowledgeBase open(Path directory, TextEmbedder model) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the knowledge base folder " + directory, e);
    }
    return new KnowledgeBase(directory, model);
  }

  /** The folder this knowledge base lives in. */
  public Path directory() {
    return directory;
  }

  /** The RDF store, for SPARQL, export and serving. */
  public Tdb2KnowledgeStore store() {
    return store;
  }

  // ---------------------------------------------------------------- writing

  /** Ingests records in batches; see {@link IngestSettings}. */
  public IngestReport ingest(Stream<CorpusRecord> records, IngestSettings settings) {
    Iterator<CorpusRecord> it = records.iterator();
    long n = 0;
    BatchPipeline pipeline = new BatchPipeline(settings);
    try {
      List<Sourced> batch = new ArrayList<>(settings.batchSize());
      while (it.hasNext()) {
        n++;
        batch.add(new Sourced(it.next(), "record " + n));
        if (batch.size() == settings.batchSize()) {
          pipeline.submit(batch);
          batch = new ArrayList<>(settings.batchSize());
        }
      }
      if (!batch.isEmpty()) {
        pipeline.submit(batch);
      }
      return pipeline.finish();
    } finally {
      pipeline.abandon();
    }
  }

  /** Ingests records with default batches; violations are logged. */
  public IngestReport ingest(Collection<CorpusRecord> records, boolean vectors) {
    return ingest(records.stream(), IngestSettings.of(vectors,
        v -> LOG.log(System.Logger.Level.WARNING, v.origin() + ": " + v.problems())));
  }

  /**
   * Ingests JSON Lines corpus files. A line that does not parse is not stored: it goes to the
   * violations with its {@code file:line}, and the rest of the file is ingested.
   *
   * @throws InputException when a file cannot be read
   */
  public IngestReport ingestFiles(List<Path> files, IngestSettings settings) {
    for (Path file : files) {
      if (!Files.isReadable(file)) {
        throw new InputException(file + ": no such readable file");
      }
    }
    BatchPipeline pipeline = new BatchPipeline(settings);
    try {
      long bad = 0;
      for (Path file : files) {
        List<Sourced> batch = new ArrayList<>(settings.batchSize());
        try (JsonLinesReader<CorpusRecord> reader =
            JsonLinesReader.open(file, CorpusRecord.class)) {
          Iterator<ParsedLine<CorpusRecord>> lines = reader.lines();
          while (lines.hasNext()) {
            ParsedLine<CorpusRecord> line = lines.next();
            if (line instanceof ParsedLine.Good<CorpusRecord> good) {
              batch.add(new Sourced(good.value(), good.location().toString()));
              if (batch.size() == settings.batchSize()) {
                pipeline.submit(batch);
                batch = new ArrayList<>(settings.batchSize());
              }
            } else if (line instanceof ParsedLine.Bad<CorpusRecord> badLine) {
              bad++;
              settings.violations().accept(new RecordViolation(
                  badLine.location().toString(), null, List.of(badLine.problem())));
            }
          }
        }
        if (!batch.isEmpty()) {
          pipeline.submit(batch);
        }
      }
      return pipeline.finish().plus(new IngestReport(bad, 0, 0, 0, bad, 0, 0, 0));
    } finally {
      pipeline.abandon();
    }
  }

  /** Removes records by id from both stores; unknown ids are ignored. Returns how many went. */
  public long delete(Collection<String> ids) {
    return onWriter(() -> {
      requireHealthy();
      Map<String, String> present = store.jsonOf(ids);
      if (present.isEmpty()) {
        return 0L;
      }
      startBatch(present.keySet());
      long seq = store.write(List.of(), present.keySet());
      try {
        present.keySet().forEach(index::delete);
        index.commit(seq);
      } catch (RuntimeException e) {
        broken = e;
        throw e;
      }
      indexedBatch = seq;
      return (long) present.size();
    });
  }

  private record Sourced(CorpusRecord record, String origin) {}

  /** A batch made ready off the writer thread: deduplicated, serialised, validated. */
  private record Prepared(int read, long duplicates, long rejected, Map<String, Sourced> byId,
      Map<String, String> json, Map<String, List<Triple>> triples) {}

  /**
   * Keeps the writer busy: while batch n is written, the caller's thread reads, serialises and
   * validates batch n+1. At most one batch is in flight, so memory stays at two batches.
   */
  private final class BatchPipeline {
    private final IngestSettings settings;
    private Future<IngestReport> inFlight;
    private IngestReport total = IngestReport.empty();

    BatchPipeline(IngestSettings settings) {
      this.settings = settings;
    }

    void submit(List<Sourced> batch) {
      Prepared p = prepare(batch, settings);
      await();
      inFlight = writer.submit(() -> write(p, settings));
    }

    IngestReport finish() {
      await();
      return total;
    }

    /** Waits for a batch still in flight after a failure, so nothing outlives the call. */
    void abandon() {
      if (inFlight != null) {
        try {
          inFlight.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          // Already failing: the first error is the one reported.
        }
        inFlight = null;
      }
    }

    private void await() {
      if (inFlight != null) {
        Future<IngestReport> f = inFlight;
        inFlight = null;
        total = total.plus(result(f));
      }
    }
  }

  private Prepared prepare(List<Sourced> batch, IngestSettings settings) {
    Map<String, Sourced> byId = new LinkedHashMap<>();
    batch.forEach(s -> byId.put(s.record().id(), s));
    Map<String, String> json = new HashMap<>();
    Map<String, List<Triple>> triples = new LinkedHashMap<>();
    for (Sourced s : byId.values()) {
      String j = toJson(s.record());
      json.put(s.record().id(), j);
      triples.put(s.record().id(), RecordGraph.triples(s.record(), j));
    }
    Map<String, List<String>> violations = validator.violations(triples);
    for (Map.Entry<String, List<String>> v : violations.entrySet()) {
      Sourced s = byId.get(v.getKey());
      settings.violations().accept(new RecordViolation(
          s == null ? "batch" : s.origin(), v.getKey(), v.getValue()));
      triples.remove(v.getKey());
    }
    return new Prepared(batch.size(), batch.size() - byId.size(),
        byId.size() - triples.size(), byId, json, triples);
  }

  private IngestReport write(Prepared p, IngestSettings settings) {
    IngestReport report = writeChanged(p, settings);
    if (!settings.vectors() || report.unchanged() == 0) {
      return report;
    }
    return report.withVectorsAdded(addMissingVectors(p));
  }

  /**
   * Gives a vector to each unchanged record of the batch whose index document has none (it was
   * stored by an ingest without vectors), so asking for vectors later is enough to get them.
   * The store does not change; the index commit covers the batch the store already holds, and a
   * crash before it loses only vectors, which the next ingest adds again.
   */
  private long addMissingVectors(Prepared p) {
    // Records written by this batch were indexed with vectors, so only unchanged ones can lack one.
    Set<String> missing = index.withoutVector(p.triples().keySet());
    if (missing.isEmpty()) {
      return 0;
    }
    List<CorpusRecord> records = missing.stream().sorted()
        .map(id -> p.byId().get(id).record()).toList();
    List<float[]> vectors = embedder.embed(records.stream().map(r -> r.knowledge().text()).toList());
    for (int i = 0; i < records.size(); i++) {
      CorpusRecord r = records.get(i);
      index.put(entry(r, p.json().get(r.id()), vectors.get(i)));
    }
    index.commit(store.batchSeq());
    return records.size();
  }

  private IngestReport writeChanged(Prepared p, IngestSettings settings) {
    requireHealthy();
    Map<String, String> existing = store.jsonOf(p.triples().keySet());
    List<CorpusRecord> changed = new ArrayList<>();
    long added = 0;
    for (String id : p.triples().keySet()) {
      String old = existing.get(id);
      if (old == null || !old.equals(p.json().get(id))) {
        changed.add(p.byId().get(id).record());
        added += old == null ? 1 : 0;
      }
    }
    long unchanged = p.triples().size() - changed.size();
    if (changed.isEmpty()) {
      return new IngestReport(p.read(), 0, 0, unchanged, p.rejected(), p.duplicates(), 0, 0);
    }
    // Sorted by id, which orders the store's subjects: the SPO index then takes the batch as
    // mostly-sequential inserts instead of random ones.
    changed.sort(java.util.Comparator.comparing(CorpusRecord::id));
    List<String> ids = changed.stream().map(CorpusRecord::id).toList();
    // Vectors first: once the store commits, crash repair must find them in the cache.
    List<float[]> vectors = settings.vectors()
        ? embedder.embed(changed.stream().map(r -> r.knowledge().text()).toList()) : null;
    List<Tdb2KnowledgeStore.StoredRecord> puts = new ArrayList<>(changed.size());
    for (String id : ids) {
      puts.add(new Tdb2KnowledgeStore.StoredRecord(id, p.json().get(id), p.triples().get(id),
          existing.containsKey(id)));
    }
    startBatch(ids);
    // The index takes the documents while the store writes; it commits only after the store
    // has, so the index never holds a record the store lacks.
    Future<?> indexing = indexer.submit(() -> {
      for (int i = 0; i < changed.size(); i++) {
        CorpusRecord r = changed.get(i);
        index.put(entry(r, p.json().get(r.id()), vectors == null ? null : vectors.get(i)));
      }
    });
    long seq;
    try {
      seq = store.write(puts, List.of());
    } catch (RuntimeException e) {
      try {
        result(indexing);
        // Undo the uncommitted documents: back to what the store still holds.
        reindex(ids, existing);
      } catch (RuntimeException undo) {
        e.addSuppressed(undo);
        broken = undo;
      }
      throw e;
    }
    try {
      result(indexing);
      index.commit(seq);
    } catch (RuntimeException e) {
      broken = e;
      throw e;
    }
    indexedBatch = seq;
    return new IngestReport(p.read(), added, changed.size() - added, unchanged, p.rejected(),
        p.duplicates(), 1, 0);
  }

  /** Journals the ids of the batch about to be stored; forgets ids the index has committed. */
  private void startBatch(Collection<String> ids) {
    if (indexedBatch == store.batchSeq()) {
      journal.clear();
    }
    journal.append(store.batchSeq() + 1, ids);
  }

  private void requireHealthy() {
    if (broken != null) {
      throw new IllegalStateException("an earlier write to the text index failed ("
          + broken.getMessage() + "); close and reopen the knowledge base, which re-indexes"
          + " what the store holds", broken);
    }
  }

  /** Re-indexes what the store journalled but the index never committed (after a crash). */
  private void catchUp() {
    long storeBatch = store.batchSeq();
    if (indexedBatch == storeBatch) {
      return;
    }
    if (indexedBatch > storeBatch) {
      LOG.log(System.Logger.Level.WARNING, "the text index is ahead of the store ("
          + indexedBatch + " > " + storeBatch + "); repairing it from the store");
      onWriter(() -> {
        compare(true);
        index.commit(storeBatch);
        indexedBatch = storeBatch;
        journal.clear();
        return null;
      });
      return;
    }
    onWriter(() -> {
      List<String> ids = List.copyOf(journal.ids());
      LOG.log(System.Logger.Level.INFO, "re-indexing " + ids.size()
          + " records the last run stored but did not index");
      reindex(ids, store.jsonOf(ids));
      index.commit(storeBatch);
      indexedBatch = storeBatch;
      journal.clear();
      return null;
    });
  }

  /** Makes the index documents of {@code ids} match {@code storedJson} (absent: deleted). */
  private void reindex(Collection<String> ids, Map<String, String> storedJson) {
    List<String> present = new ArrayList<>();
    for (String id : ids) {
      if (storedJson.containsKey(id)) {
        present.add(id);
      } else {
        index.delete(id);
      }
    }
    List<CorpusRecord> records = present.stream().map(id -> fromJson(storedJson.get(id))).toList();
    List<float[]> vectors =
        embedder.cachedOnly(records.stream().map(r -> r.knowledge().text()).toList());
    for (int i = 0; i < records.size(); i++) {
      CorpusRecord r = records.get(i);
      index.put(entry(r, storedJson.get(r.id()), vectors.get(i)));
    }
  }

  /**
   * Compares the store with the index record by record; with {@code repair}, makes the index
   * match the store (the store is the source of truth), using cached vectors.
   */
  public CheckReport check(boolean repair) {
    return onWriter(() -> compare(repair));
  }

  private CheckReport compare(boolean repair) {
    Map<String, String> stored = new HashMap<>();
    store.forEachRecord(stored::put);
    index.refresh();
    Map<String, String> indexed = index.allJson();
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    List<String> orphans = new ArrayList<>();
    stored.forEach((id, j) -> {
      String inIndex = indexed.get(id);
      if (inIndex == null) {
        missing.add(id);
      } else if (!inIndex.equals(j)) {
        stale.add(id);
      }
    });
    indexed.keySet().stream().filter(id -> !stored.containsKey(id)).forEach(orphans::add);
    missing.sort(null);
    stale.sort(null);
    orphans.sort(null);
    boolean changed = !(missing.isEmpty() && stale.isEmpty() && orphans.isEmpty());
    if (repair && (changed || broken != null)) {
      List<String> fix = new ArrayList<>(missing);
      fix.addAll(stale);
      fix.addAll(orphans);
      reindex(fix, stored);
      long seq = store.batchSeq();
      index.commit(seq);
      indexedBatch = seq;
      journal.clear();
      broken = null;
    }
    return new CheckReport(stored.size(), indexed.size(), missing, orphans, stale,
        repair && changed);
  }

  /**
   * Compacts the TDB2 store, reclaiming the space of replaced and deleted records. The text
   * index merges its own segments.
   */
  public void compact() {
    onWriter(() -> {
      store.compact();
      return null;
    });
  }

  // ---------------------------------------------------------------- reading

  /** The stored record with this id. */
  public Optional<CorpusRecord> get(String id) {
    String j = store.jsonOf(List.of(id)).get(id);
    return j == null ? Optional.empty() : Optional.of(fromJson(j));
  }

  /** True when at least one record has a vector, so vector and hybrid search can run. */
  public boolean hasVectors() {
    return index.hasVectors();
  }

  /** Runs one search. */
  public List<SearchHit> search(SearchRequest request) {
    return searcher.search(request);
  }

  /**
   * A retriever for training with no filters: hybrid when this knowledge base has vectors, else
   * BM25 (decided now, at the call).
   */
  public Retriever retriever() {
    return retriever(hasVectors() ? SearchMode.HYBRID : SearchMode.BM25);
  }

  /** A retriever for training with this mode and no filters. */
  public Retriever retriever(SearchMode mode) {
    return new KnowledgeBaseRetriever(searcher, SearchRequest.of("template", mode, 1));
  }

  /**
   * A retriever for training with the mode and filters of {@code template} (its text and k are
   * replaced on every call).
   */
  public Retriever retriever(SearchRequest template) {
    return new KnowledgeBaseRetriever(searcher, template);
  }

  /** Counts and disk sizes. */
  public KbStats stats() {
    return KbStats.measure(store, index, directory);
  }

  // ---------------------------------------------------------------- plumbing

  private static IndexEntry entry(CorpusRecord r, String json, float[] vector) {
    return new IndexEntry(r.id(), r.knowledge().kind().id(), r.knowledge().relation(),
        r.knowledge().text(), r.scores(), json, vector);
  }

  static String toJson(CorpusRecord r) {
    try {
      return CorpusJson.json().writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write record " + r.id() + " as JSON", e);
    }
  }

  static CorpusRecord fromJson(String json) {
    try {
      return CorpusJson.json().readValue(json, CorpusRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored record does not parse: " + e.getOriginalMessage(), e);
    }
  }

  private <T> T onWriter(Callable<T> work) {
    return result(writer.submit(work));
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the knowledge base writer", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Stops the writer and releases both stores and their locks. */
  @Override
  public void close() {
    writer.shutdown();
    indexer.shutdown();
    try {
      journal.close();
      index.close();
    } finally {
      try {
        store.close();
      } finally {
        vectorCache.close();
      }
    }
  }
}
