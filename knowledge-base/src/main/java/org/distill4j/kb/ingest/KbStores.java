package org.distill4j.kb.ingest;

import org.distill4j.kb.embed.CachingEmbedder;
import org.distill4j.core.embed.TextEmbedder;
import org.distill4j.kb.embed.SqliteVectorCache;
import org.distill4j.kb.index.LuceneIndex;
import org.distill4j.kb.store.IndexJournal;
import org.distill4j.kb.store.Tdb2KnowledgeStore;

/**
 * The open parts of one knowledge base folder, opened in lock order and closed together.
 *
 * @param layout where the parts live
 * @param store the RDF store, the source of truth
 * @param index the text index kept in step with it
 * @param vectorCache vectors by text
 * @param embedder the model behind the cache
 * @param journal the ids of the batch the index may lack
 */
record KbStores(KbLayout layout, Tdb2KnowledgeStore store, LuceneIndex index,
    SqliteVectorCache vectorCache, CachingEmbedder embedder, IndexJournal journal)
    implements AutoCloseable {
  private static final int EMBED_BATCH = 64;

  static KbStores open(KbLayout layout, TextEmbedder model) {
    // The index first: its write lock is what keeps a second writer out of the folder, and
    // TDB2 connections are shared within a JVM, so the store must not be touched (or closed)
    // by an open that is going to fail.
    LuceneIndex index = LuceneIndex.open(layout.index());
    Tdb2KnowledgeStore store;
    try {
      store = Tdb2KnowledgeStore.open(layout.store());
    } catch (RuntimeException e) {
      index.close();
      throw e;
    }
    SqliteVectorCache cache = SqliteVectorCache.open(layout.vectors());
    return new KbStores(layout, store, index, cache,
        new CachingEmbedder(model, cache, EMBED_BATCH), IndexJournal.open(layout.journal()));
  }

  @Override
  public void close() {
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
