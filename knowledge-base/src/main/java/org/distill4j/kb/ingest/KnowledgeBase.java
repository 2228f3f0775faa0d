package org.distill4j.kb.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.InputException;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.neural.MiniLm;
import org.distill4j.kb.query.QueryPolicy;
import org.distill4j.kb.query.SparqlRows;
import org.distill4j.kb.query.SparqlRunner;
import org.distill4j.kb.search.KnowledgeSearcher;
import org.distill4j.kb.search.SearchHit;
import org.distill4j.kb.search.SearchMode;
import org.distill4j.kb.search.SearchRequest;
import org.distill4j.kb.store.Tdb2KnowledgeStore;

/**
 * A knowledge base folder ({@link KbLayout}): a TDB2 store, a Lucene index and a vector cache
 * kept in step. Open one with {@link #open(Path)}, feed it with {@link #ingest} (or, from a
 * front end, through {@link Ingest}), query it with {@link #search} or SPARQL ({@link #select},
 * or Jena on {@link #store()}), and hand {@link #retriever} to training.
 *
 * <pre>{@code
 * try (KnowledgeBase kb = KnowledgeBase.open(Path.of("runs/atomic/kb"))) {
 *   IngestReport report = kb.ingestFiles(List.of(Path.of("runs/atomic/filtered/kept.jsonl")),
 *       IngestSettings.of(false, violation -> System.err.println(violation)));
 *   SparqlRows rows = kb.select("PREFIX kd: <https://w3id.org/distill4j/kd#> "
 *       + "SELECT ?rel (COUNT(*) AS ?n) WHERE { ?r kd:relation ?rel } GROUP BY ?rel");
 *   List<SearchHit> hits = kb.search(SearchRequest.of("bread", SearchMode.BM25, 5));
 * }
 * }</pre>
 *
 * <p>With {@code vectors} true the ingest embeds every record with all-MiniLM-L6-v2 (in
 * process, a few hundred sentences a second on two cores) and {@link SearchMode#VECTOR} and
 * {@link SearchMode#HYBRID} search work too; without, keyword search ({@link SearchMode#BM25})
 * and SPARQL do.
 *
 * <p><b>Crash safety.</b> {@link BatchWriter} stores a batch so that a kill at any point leaves
 * the index at most one batch behind the store, never ahead; the next {@link #open} sees the gap
 * and {@link IndexRepair} re-indexes the journalled ids from the store, using cached vectors.
 * Rerunning the ingest is then a no-op for records already stored.
 *
 * <p><b>Threads.</b> All store writes run on one writer thread, so any number of threads may
 * call {@link #ingest} and {@link #delete} at once; searches run on the caller's thread.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(KnowledgeBase.class.getName());
  /** How long {@link #select} lets a query run, in seconds (as {@code kb sparql}'s default). */
  public static final int QUERY_SECONDS = 60;

  private final KbStores stores;
  private final WriterThread writer;
  private final IndexRepair repair;
  private final BatchWriter batches;
  private final Ingester ingester;
  private final KnowledgeSearcher searcher;

  private KnowledgeBase(KbStores stores) {
    this.stores = stores;
    this.writer = new WriterThread(stores);
    this.repair = new IndexRepair(stores, writer);
    this.batches = new BatchWriter(stores, writer, repair);
    this.ingester = new Ingester(new BatchPreparer(),
        (batch, settings) -> writer.submit(() -> batches.write(batch, settings)));
    this.searcher = new KnowledgeSearcher(stores.index(), stores::embedder);
    repair.catchUp();
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
    return new KnowledgeBase(KbStores.open(new KbLayout(directory), model));
  }

  /** The folder this knowledge base lives in. */
  public Path directory() {
    return stores.layout().directory();
  }

  /** The RDF store, for SPARQL, export and serving. */
  public Tdb2KnowledgeStore store() {
    return stores.store();
  }

  /**
   * Runs a read-only SPARQL SELECT on the store and returns its rows: at most
   * {@value QueryPolicy#DEFAULT_MAX_ROWS} ({@link SparqlRows#truncated()} says when there were
   * more), cancelled after {@value #QUERY_SECONDS} s, with no federated {@code SERVICE} calls.
   * Records are {@code kd:Record}s; the vocabulary is {@link org.distill4j.kb.vocabulary.KD}.
   *
   * @throws InputException when the query does not parse (with its line), is not a SELECT, or
   *     calls a service
   */
  public SparqlRows select(String sparql) {
    return new SparqlRunner(store().dataset(), Duration.ofSeconds(QUERY_SECONDS))
        .rows(SparqlRunner.parse(sparql, "query"), "query");
  }

  /** Ingests records in batches; see {@link IngestSettings}. */
  public IngestReport ingest(Stream<CorpusRecord> records, IngestSettings settings) {
    return ingester.ingest(records, settings);
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
    return ingester.ingestFiles(files, settings);
  }

  /** Removes records by id from both stores; unknown ids are ignored. Returns how many went. */
  public long delete(Collection<String> ids) {
    return batches.delete(ids);
  }

  /**
   * Compares the store with the index record by record; with {@code repair}, makes the index
   * match the store (the store is the source of truth), using cached vectors.
   */
  public CheckReport check(boolean repair) {
    return this.repair.check(repair);
  }

  /**
   * Compacts the TDB2 store, reclaiming the space of replaced and deleted records. The text
   * index merges its own segments.
   */
  public void compact() {
    writer.call(() -> {
      stores.store().compact();
      return null;
    });
  }

  /** The stored record with this id. */
  public Optional<CorpusRecord> get(String id) {
    String j = stores.store().jsonOf(List.of(id)).get(id);
    return j == null ? Optional.empty() : Optional.of(RecordJson.fromJson(j));
  }

  /** True when at least one record has a vector, so vector and hybrid search can run. */
  public boolean hasVectors() {
    return searcher.hasVectors();
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
    return searcher.retriever();
  }

  /** A retriever for training with this mode and no filters. */
  public Retriever retriever(SearchMode mode) {
    return searcher.retriever(mode);
  }

  /**
   * A retriever for training with the mode and filters of {@code template} (its text and k are
   * replaced on every call).
   */
  public Retriever retriever(SearchRequest template) {
    return searcher.retriever(template);
  }

  /** Counts and disk sizes. */
  public KbStats stats() {
    return KbStats.measure(stores.store(), stores.index(), stores.layout());
  }

  /** Stops the writer and releases both stores and their locks. */
  @Override
  public void close() {
    writer.close();
    stores.close();
  }
}
