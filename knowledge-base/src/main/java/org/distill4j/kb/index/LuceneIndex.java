package org.distill4j.kb.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;

/**
 * The search half of a knowledge base: a Lucene index with one document per record, keyed by
 * content id (so writing a record twice replaces it), holding the text for BM25, kind and
 * relation as exact-match fields, each score as a range-filterable point, an optional 384-d
 * vector in an int8 scalar-quantized HNSW graph, and the stored record JSON.
 *
 * <p>Each {@link #commit} records the store batch it covers, so the knowledge base can tell after
 * a crash which batches the index missed. Thread-safe: Lucene's writer takes concurrent updates
 * and searches use a refreshed near-real-time searcher.
 */
public final class LuceneIndex implements AutoCloseable {
  /** The commit user-data key holding the store batch sequence number. */
  public static final String BATCH_KEY = "distill4j.batch";

  static final String ID = "id";
  static final String KIND = "kind";
  static final String RELATION = "relation";
  static final String TEXT = "text";
  static final String JSON = "json";
  static final String VECTOR = "vector";
  static final String SCORE_PREFIX = "score.";

  private final Path directoryPath;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Analyzer analyzer = new EnglishAnalyzer();

  private LuceneIndex(Path directoryPath, Directory directory, IndexWriter writer)
      throws IOException {
    this.directoryPath = directoryPath;
    this.directory = directory;
    this.writer = writer;
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Opens (creating when missing) the index in {@code path}. Lucene's native lock is released by
   * the operating system when a process dies, so an index left by a killed process opens; one
   * held by a live process fails with a message saying so.
   */
  public static LuceneIndex open(Path path) {
    try {
      Files.createDirectories(path);
      Directory dir = FSDirectory.open(path);
      IndexWriterConfig config = new IndexWriterConfig(new EnglishAnalyzer());
      config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setCodec(new Lucene912Codec() {
        // int8 quantization keeps the HNSW graph's vectors at a quarter of the memory, which is
        // what keeps vector indexing within a small heap.
        private final KnnVectorsFormat quantized = new Lucene99HnswScalarQuantizedVectorsFormat();

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
          return quantized;
        }
      });
      config.setRAMBufferSizeMB(64);
      try {
        return new LuceneIndex(path, dir, new IndexWriter(dir, config));
      } catch (LockObtainFailedException e) {
        dir.close();
        throw new IllegalStateException("the knowledge base is already open: the text index "
            + path + " is locked by a live writer (another process such as `kb serve` or a"
            + " running ingest, or another KnowledgeBase in this one); close that and retry,"
            + " or, while `kb serve` runs, query it over HTTP (/search, /kb/sparql)."
            + " A lock left by a killed process is released by the operating system and never"
            + " blocks.", e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the text index " + path, e);
    }
  }

  /** Adds or replaces the document of {@code entry.id()}. */
  public void put(IndexEntry entry) {
    Document doc = new Document();
    doc.add(new StringField(ID, entry.id(), Field.Store.YES));
    doc.add(new StringField(KIND, entry.kind(), Field.Store.NO));
    doc.add(new StringField(RELATION, entry.relation(), Field.Store.NO));
    doc.add(new TextField(TEXT, entry.text(), Field.Store.NO));
    entry.scores().forEach((name, value) -> doc.add(new DoublePoint(SCORE_PREFIX + name, value)));
    doc.add(new StoredField(JSON, entry.json()));
    if (entry.vector() != null) {
      doc.add(new KnnFloatVectorField(VECTOR, entry.vector(), VectorSimilarityFunction.COSINE));
    }
    try {
      writer.updateDocument(new Term(ID, entry.id()), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index record " + entry.id(), e);
    }
  }

  /** Removes the document of {@code id}, if any. */
  public void delete(String id) {
    try {
      writer.deleteDocuments(new Term(ID, id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete record " + id + " from the text index", e);
    }
  }

  /** Makes every change durable, marked as covering the store's batch {@code batchSeq}. */
  public void commit(long batchSeq) {
    try {
      writer.setLiveCommitData(Map.of(BATCH_KEY, Long.toString(batchSeq)).entrySet());
      writer.commit();
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the text index " + directoryPath, e);
    }
  }

  /** The store batch the last commit covers; 0 for a new index. */
  public long committedBatch() {
    try {
      if (!DirectoryReader.indexExists(directory)) {
        return 0;
      }
      String value = SegmentInfos.readLatestCommit(directory).getUserData().get(BATCH_KEY);
      return value == null ? 0 : Long.parseLong(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the text index " + directoryPath, e);
    }
  }

  /** The number of live documents as of the last refresh. */
  public int count() {
    return withSearcher(s -> s.getIndexReader().numDocs());
  }

  /** The number of live documents that carry a vector. */
  public int vectorCount() {
    return withSearcher(s -> s.count(new org.apache.lucene.search.FieldExistsQuery(VECTOR)));
  }

  /** Of {@code ids}, those whose document carries no vector; ids without a document are left out. */
  public java.util.Set<String> withoutVector(java.util.Collection<String> ids) {
    if (ids.isEmpty()) {
      return java.util.Set.of();
    }
    Query query = new BooleanQuery.Builder()
        .add(new org.apache.lucene.search.TermInSetQuery(ID,
            ids.stream().map(org.apache.lucene.util.BytesRef::new).toList()),
            BooleanClause.Occur.FILTER)
        .add(new org.apache.lucene.search.FieldExistsQuery(VECTOR), BooleanClause.Occur.MUST_NOT)
        .build();
    return withSearcher(s -> {
      java.util.Set<String> out = new java.util.HashSet<>();
      StoredFields fields = s.storedFields();
      for (ScoreDoc sd : s.search(query, ids.size()).scoreDocs) {
        out.add(fields.document(sd.doc, java.util.Set.of(ID)).get(ID));
      }
      return out;
    });
  }

  /** True when at least one document carries a vector. */
  public boolean hasVectors() {
    return withSearcher(s -> {
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(VECTOR);
        if (info != null && info.getVectorDimension() > 0) {
          return true;
        }
      }
      return false;
    });
  }

  /** The stored JSON of every live document, by id. */
  public Map<String, String> allJson() {
    return withSearcher(s -> {
      Map<String, String> out = new HashMap<>();
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields fields = leaf.reader().storedFields();
        for (int d = 0; d < leaf.reader().maxDoc(); d++) {
          if (live == null || live.get(d)) {
            Document doc = fields.document(d);
            out.put(doc.get(ID), doc.get(JSON));
          }
        }
      }
      return out;
    });
  }

  /**
   * The best {@code k} documents for {@code text} by BM25, restricted to those matching
   * {@code filter} (null for none).
   */
  public List<IndexHit> keyword(String text, int k, Query filter) {
    Query parsed;
    try {
      QueryParser parser = new QueryParser(TEXT, analyzer);
      parsed = parser.parse(QueryParser.escape(text));
    } catch (ParseException e) {
      throw new IllegalArgumentException("cannot search for \"" + text + "\": " + e.getMessage(), e);
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(parsed, BooleanClause.Occur.MUST);
    if (filter != null) {
      q.add(filter, BooleanClause.Occur.FILTER);
    }
    return run(q.build(), k);
  }

  /** The {@code k} nearest documents to {@code vector}, among those matching {@code filter}. */
  public List<IndexHit> nearest(float[] vector, int k, Query filter) {
    return run(new KnnFloatVectorQuery(VECTOR, vector, k, filter), k);
  }

  /** Matches documents of this knowledge kind id. */
  public static Query kindFilter(String kind) {
    return new TermQuery(new Term(KIND, kind));
  }

  /** Matches documents with this relation. */
  public static Query relationFilter(String relation) {
    return new TermQuery(new Term(RELATION, relation));
  }

  /** Matches documents whose score {@code name} is at least {@code min}. */
  public static Query minScoreFilter(String name, double min) {
    return DoublePoint.newRangeQuery(SCORE_PREFIX + name, min, Double.POSITIVE_INFINITY);
  }

  /** Combines filters (all must hold); null when there are none. */
  public static Query allOf(List<Query> filters) {
    if (filters.isEmpty()) {
      return null;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    filters.forEach(f -> b.add(f, BooleanClause.Occur.FILTER));
    b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    return b.build();
  }

  private List<IndexHit> run(Query query, int k) {
    return withSearcher(s -> {
      TopDocs top = s.search(query, k);
      StoredFields fields = s.storedFields();
      List<IndexHit> hits = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        Document doc = fields.document(sd.doc);
        hits.add(new IndexHit(doc.get(ID), sd.score, doc.get(JSON)));
      }
      return hits;
    });
  }

  private interface SearcherCall<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  private <T> T withSearcher(SearcherCall<T> call) {
    try {
      IndexSearcher s = searchers.acquire();
      try {
        return call.apply(s);
      } finally {
        searchers.release(s);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the text index " + directoryPath, e);
    }
  }

  /** Makes searches see every change handed to the writer so far, committed or not. */
  public void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot refresh the text index " + directoryPath, e);
    }
  }

  /** Closes without committing pending changes (a commit is always explicit). */
  @Override
  public void close() {
    try {
      searchers.close();
      writer.rollback();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the text index " + directoryPath, e);
    }
  }
}
