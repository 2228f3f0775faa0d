package org.distill4j.kb.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.lucene.search.Query;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.SettingException;
import org.distill4j.core.retrieval.Retriever;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.kb.index.IndexHit;
import org.distill4j.kb.index.LuceneIndex;

/**
 * Runs {@link SearchRequest}s against the text index: BM25, vector or hybrid (reciprocal rank
 * fusion of both), with kind, relation and minimum-score filters applied inside Lucene so that
 * {@code k} hits come back whenever {@code k} records match. Thread-safe.
 */
public final class KnowledgeSearcher {
  /** Each ranking fused in hybrid mode is this many times longer than k (at least 50). */
  private static final int HYBRID_DEPTH = 4;

  private final LuceneIndex index;
  private final Supplier<TextEmbedder> embedder;

  /**
   * @param index the text index
   * @param embedder gives the query embedder, only called for vector and hybrid searches
   */
  public KnowledgeSearcher(LuceneIndex index, Supplier<TextEmbedder> embedder) {
    this.index = index;
    this.embedder = embedder;
  }

  /**
   * The hits for {@code request}, best first.
   *
   * @throws SettingException ({@code vectors}) for a vector or hybrid search on a store without
   *     vectors
   */
  public List<SearchHit> search(SearchRequest request) {
    Query filter = filter(request);
    return switch (request.mode()) {
      case BM25 -> toHits(index.keyword(request.text(), request.k(), filter));
      case VECTOR -> toHits(index.nearest(queryVector(request.text()), request.k(), filter));
      case HYBRID -> hybrid(request, filter);
    };
  }

  /** True when at least one record has a vector, so vector and hybrid search can run. */
  public boolean hasVectors() {
    return index.hasVectors();
  }

  /** Hybrid when the index has vectors, else BM25 (decided now, at the call); no filters. */
  public Retriever retriever() {
    return retriever(hasVectors() ? SearchMode.HYBRID : SearchMode.BM25);
  }

  /** This mode, no filters. */
  public Retriever retriever(SearchMode mode) {
    return retriever(SearchRequest.of("template", mode, 1));
  }

  /** The mode and filters of {@code template}; its text and k are replaced on every call. */
  public Retriever retriever(SearchRequest template) {
    return new KnowledgeBaseRetriever(this, template);
  }

  private List<SearchHit> hybrid(SearchRequest request, Query filter) {
    int depth = Math.max(50, request.k() * HYBRID_DEPTH);
    List<IndexHit> words = index.keyword(request.text(), depth, filter);
    List<IndexHit> meaning = index.nearest(queryVector(request.text()), depth, filter);
    Map<String, IndexHit> byId = new HashMap<>();
    words.forEach(h -> byId.put(h.id(), h));
    meaning.forEach(h -> byId.putIfAbsent(h.id(), h));
    List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(
        List.of(words.stream().map(IndexHit::id).toList(),
            meaning.stream().map(IndexHit::id).toList()),
        ReciprocalRankFusion.DEFAULT_C);
    List<SearchHit> out = new ArrayList<>();
    for (ReciprocalRankFusion.Fused f : fused.subList(0, Math.min(request.k(), fused.size()))) {
      out.add(new SearchHit(parse(byId.get(f.key()).json()), f.score()));
    }
    return out;
  }

  private float[] queryVector(String text) {
    if (!index.hasVectors()) {
      throw new SettingException("vectors", "this knowledge base has no vectors: it was"
          + " ingested without them ({setting}); search with mode bm25, or ingest it again with"
          + " vectors");
    }
    return embedder.get().embed(List.of(text)).get(0);
  }

  private static Query filter(SearchRequest request) {
    List<Query> filters = new ArrayList<>();
    if (request.kind() != null) {
      filters.add(LuceneIndex.kindFilter(request.kind().id()));
    }
    if (request.relation() != null) {
      filters.add(LuceneIndex.relationFilter(request.relation()));
    }
    if (request.minScore() != null) {
      filters.add(LuceneIndex.minScoreFilter(request.scoreName(), request.minScore()));
    }
    return LuceneIndex.allOf(filters);
  }

  private static List<SearchHit> toHits(List<IndexHit> hits) {
    return hits.stream().map(h -> new SearchHit(parse(h.json()), h.score())).toList();
  }

  private static CorpusRecord parse(String json) {
    try {
      return CorpusJson.json().readValue(json, CorpusRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the text index holds a record that does not parse: "
          + e.getOriginalMessage() + "; run `distill kb check --repair`", e);
    }
  }
}
