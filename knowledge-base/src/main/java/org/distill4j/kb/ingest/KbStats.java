package org.distill4j.kb.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.distill4j.kb.index.LuceneIndex;
import org.distill4j.kb.store.Tdb2KnowledgeStore;

/**
 * Counts and sizes of a knowledge base.
 *
 * @param records records in the RDF store
 * @param triples triples in the store's default graph
 * @param indexDocuments documents in the text index
 * @param vectors documents with a vector
 * @param byKind records per knowledge kind id
 * @param byRelation records per relation
 * @param storeBytes apparent size of the TDB2 folder (TDB2 pre-sizes sparse files, so fewer
 *     blocks are in use)
 * @param indexBytes disk size of the Lucene folder
 * @param vectorCacheBytes disk size of the vector cache
 */
public record KbStats(long records, long triples, long indexDocuments, long vectors,
    Map<String, Long> byKind, Map<String, Long> byRelation, long storeBytes, long indexBytes,
    long vectorCacheBytes) {

  /** The disk size of the whole knowledge base. */
  public long totalBytes() {
    return storeBytes + indexBytes + vectorCacheBytes;
  }

  /** Counts and measures the stores of a knowledge base laid out as {@code layout}. */
  static KbStats measure(Tdb2KnowledgeStore store, LuceneIndex index, KbLayout layout) {
    Map<String, Long> byKind = new TreeMap<>();
    Map<String, Long> byRelation = new TreeMap<>();
    Txn.executeRead(store.dataset(), () -> {
      String q = "PREFIX kd: <" + org.distill4j.kb.vocabulary.KD.NS + ">\n"
          + "SELECT ?kind ?rel (COUNT(*) AS ?n) WHERE { ?r kd:kind ?kind ; kd:relation ?rel }"
          + " GROUP BY ?kind ?rel";
      try (QueryExecution qe = QueryExecution.dataset(DatasetFactory.wrap(store.dataset())).query(q).build()) {
        ResultSet rs = qe.execSelect();
        while (rs.hasNext()) {
          QuerySolution s = rs.next();
          long n = s.getLiteral("n").getLong();
          byKind.merge(s.getLiteral("kind").getString(), n, Long::sum);
          byRelation.merge(s.getLiteral("rel").getString(), n, Long::sum);
        }
      }
    });
    return new KbStats(store.recordCount(), store.tripleCount(), index.count(),
        index.vectorCount(), byKind, byRelation, sizeOf(layout.store()),
        sizeOf(layout.index()), sizeOf(layout.vectors()) + sizeOf(layout.vectorsWal()));
  }

  private static long sizeOf(Path path) {
    if (!Files.exists(path)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + path, e);
    }
  }
}
