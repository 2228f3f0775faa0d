package org.distill4j.kb.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.kb.ingest.BatchPreparer.Prepared;
import org.distill4j.kb.store.Tdb2KnowledgeStore;

/**
 * Writes batches to both stores in the crash-safe order: vectors to the cache, the ids to the
 * journal, the records to the store (stamped batch n), then the index commit (stamped n). Only
 * records whose stored JSON differs are written. Batches come ready from {@link BatchPreparer}
 * on the caller's thread; writing runs on the {@link WriterThread}.
 */
final class BatchWriter {
  private final KbStores stores;
  private final WriterThread writer;
  private final IndexRepair repair;

  BatchWriter(KbStores stores, WriterThread writer, IndexRepair repair) {
    this.stores = stores;
    this.writer = writer;
    this.repair = repair;
  }

  /** Stores a prepared batch; runs on the writer thread. */
  IngestReport write(Prepared p, IngestSettings settings) {
    writer.requireHealthy();
    Map<String, String> existing = stores.store().jsonOf(p.triples().keySet());
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
    if (!changed.isEmpty()) {
      writeChanged(p, changed, existing, settings.vectors());
    }
    IngestReport report = new IngestReport(p.read(), added, changed.size() - added, unchanged,
        p.rejected(), p.duplicates(), changed.isEmpty() ? 0 : 1, 0);
    if (!settings.vectors() || report.unchanged() == 0) {
      return report;
    }
    return report.withVectorsAdded(addMissingVectors(p));
  }

  private void writeChanged(Prepared p, List<CorpusRecord> changed,
      Map<String, String> existing, boolean withVectors) {
    // Sorted by id, which orders the store's subjects: the SPO index then takes the batch as
    // mostly-sequential inserts instead of random ones.
    changed.sort(Comparator.comparing(CorpusRecord::id));
    List<String> ids = changed.stream().map(CorpusRecord::id).toList();
    // Vectors first: once the store commits, crash repair must find them in the cache.
    List<float[]> vectors = withVectors
        ? stores.embedder().embed(changed.stream().map(r -> r.knowledge().text()).toList())
        : null;
    List<Tdb2KnowledgeStore.StoredRecord> puts = new ArrayList<>(changed.size());
    for (String id : ids) {
      puts.add(new Tdb2KnowledgeStore.StoredRecord(id, p.json().get(id), p.triples().get(id),
          existing.containsKey(id)));
    }
    writer.startBatch(ids);
    // The index takes the documents while the store writes; it commits only after the store
    // has, so the index never holds a record the store lacks.
    Future<?> indexing = writer.index(() -> {
      for (int i = 0; i < changed.size(); i++) {
        CorpusRecord r = changed.get(i);
        stores.index().put(RecordJson.entry(r, p.json().get(r.id()),
            vectors == null ? null : vectors.get(i)));
      }
    });
    commit(ids, existing, indexing, () -> stores.store().write(puts, List.of()));
  }

  /**
   * Runs the store write, then commits the index with the store's batch number. A failed store
   * write takes the uncommitted documents back out of the index.
   */
  private void commit(List<String> ids, Map<String, String> existing, Future<?> indexing,
      LongSupplier storeWrite) {
    long seq;
    try {
      seq = storeWrite.getAsLong();
    } catch (RuntimeException e) {
      try {
        WriterThread.result(indexing);
        repair.reindex(ids, existing);
      } catch (RuntimeException undo) {
        e.addSuppressed(undo);
        writer.broke(undo);
      }
      throw e;
    }
    try {
      WriterThread.result(indexing);
      stores.index().commit(seq);
    } catch (RuntimeException e) {
      writer.broke(e);
      throw e;
    }
    writer.indexed(seq);
  }

  /**
   * Gives a vector to each unchanged record of the batch whose index document has none (it was
   * stored by an ingest without vectors), so asking for vectors later is enough to get them.
   * The store does not change; the index commit covers the batch the store already holds, and a
   * crash before it loses only vectors, which the next ingest adds again.
   */
  private long addMissingVectors(Prepared p) {
    // Records written by this batch were indexed with vectors, so only unchanged ones can lack one.
    Set<String> missing = stores.index().withoutVector(p.triples().keySet());
    if (missing.isEmpty()) {
      return 0;
    }
    List<CorpusRecord> records = missing.stream().sorted()
        .map(id -> p.byId().get(id).record()).toList();
    List<float[]> vectors =
        stores.embedder().embed(records.stream().map(r -> r.knowledge().text()).toList());
    for (int i = 0; i < records.size(); i++) {
      CorpusRecord r = records.get(i);
      stores.index().put(RecordJson.entry(r, p.json().get(r.id()), vectors.get(i)));
    }
    stores.index().commit(stores.store().batchSeq());
    return records.size();
  }

  /** Removes records by id from both stores; unknown ids are ignored. Returns how many went. */
  long delete(Collection<String> ids) {
    return writer.call(() -> {
      writer.requireHealthy();
      Map<String, String> present = stores.store().jsonOf(ids);
      if (present.isEmpty()) {
        return 0L;
      }
      writer.startBatch(present.keySet());
      long seq = stores.store().write(List.of(), present.keySet());
      try {
        present.keySet().forEach(stores.index()::delete);
        stores.index().commit(seq);
      } catch (RuntimeException e) {
        writer.broke(e);
        throw e;
      }
      writer.indexed(seq);
      return (long) present.size();
    });
  }
}
