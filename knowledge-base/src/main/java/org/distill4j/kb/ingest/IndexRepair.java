package org.distill4j.kb.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.distill4j.core.corpus.CorpusRecord;

/**
 * Brings the text index back in step with the store, which is the source of truth: after a
 * crash between the store's commit and the index's (from the journal), when the index is ahead
 * of the store, and on request ({@code kb check --repair}). Vectors come from the cache only.
 */
final class IndexRepair {
  private static final System.Logger LOG = System.getLogger(IndexRepair.class.getName());

  private final KbStores stores;
  private final WriterThread writer;

  IndexRepair(KbStores stores, WriterThread writer) {
    this.stores = stores;
    this.writer = writer;
  }

  /** Re-indexes what the store journalled but the index never committed (after a crash). */
  void catchUp() {
    long storeBatch = stores.store().batchSeq();
    long indexedBatch = writer.indexedBatch();
    if (indexedBatch == storeBatch) {
      return;
    }
    if (indexedBatch > storeBatch) {
      LOG.log(System.Logger.Level.WARNING, "the text index is ahead of the store ("
          + indexedBatch + " > " + storeBatch + "); repairing it from the store");
      writer.call(() -> {
        compare(true);
        committed(storeBatch);
        return null;
      });
      return;
    }
    writer.call(() -> {
      List<String> ids = List.copyOf(stores.journal().ids());
      LOG.log(System.Logger.Level.INFO, "re-indexing " + ids.size()
          + " records the last run stored but did not index");
      reindex(ids, stores.store().jsonOf(ids));
      committed(storeBatch);
      return null;
    });
  }

  /**
   * Compares the store with the index record by record; with {@code repair}, makes the index
   * match the store.
   */
  CheckReport check(boolean repair) {
    return writer.call(() -> compare(repair));
  }

  private CheckReport compare(boolean repair) {
    Map<String, String> stored = new HashMap<>();
    stores.store().forEachRecord(stored::put);
    stores.index().refresh();
    Map<String, String> indexed = stores.index().allJson();
    List<String> missing = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    stored.forEach((id, j) -> {
      String inIndex = indexed.get(id);
      if (inIndex == null) {
        missing.add(id);
      } else if (!inIndex.equals(j)) {
        stale.add(id);
      }
    });
    List<String> orphans = new ArrayList<>(
        indexed.keySet().stream().filter(id -> !stored.containsKey(id)).toList());
    missing.sort(null);
    stale.sort(null);
    orphans.sort(null);
    boolean changed = !(missing.isEmpty() && stale.isEmpty() && orphans.isEmpty());
    if (repair && (changed || writer.isBroken())) {
      List<String> fix = new ArrayList<>(missing);
      fix.addAll(stale);
      fix.addAll(orphans);
      reindex(fix, stored);
      committed(stores.store().batchSeq());
      writer.repaired();
    }
    return new CheckReport(stored.size(), indexed.size(), missing, orphans, stale,
        repair && changed);
  }

  private void committed(long seq) {
    stores.index().commit(seq);
    writer.indexed(seq);
    stores.journal().clear();
  }

  /** Makes the index documents of {@code ids} match {@code storedJson} (absent: deleted). */
  void reindex(Collection<String> ids, Map<String, String> storedJson) {
    List<String> present = new ArrayList<>();
    for (String id : ids) {
      if (storedJson.containsKey(id)) {
        present.add(id);
      } else {
        stores.index().delete(id);
      }
    }
    List<CorpusRecord> records =
        present.stream().map(id -> RecordJson.fromJson(storedJson.get(id))).toList();
    List<float[]> vectors =
        stores.embedder().cachedOnly(records.stream().map(r -> r.knowledge().text()).toList());
    for (int i = 0; i < records.size(); i++) {
      CorpusRecord r = records.get(i);
      stores.index().put(RecordJson.entry(r, storedJson.get(r.id()), vectors.get(i)));
    }
  }
}
