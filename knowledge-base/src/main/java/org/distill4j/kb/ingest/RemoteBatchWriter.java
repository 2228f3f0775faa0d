package org.distill4j.kb.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.graph.Triple;
import org.distill4j.kb.ingest.BatchPreparer.Prepared;
import org.distill4j.kb.remote.RemoteStore;
import org.distill4j.kb.remote.RemoteStore.Stored;
import org.distill4j.kb.remote.RemoteStoreException;

/**
 * Writes prepared batches to a {@link RemoteStore}, on a thread of its own so the caller
 * prepares the next batch meanwhile. Each batch is at most three requests: a SELECT of the
 * stored hashes of its records; when some are stored in another version, one SPARQL Update
 * deleting those (with every node they own); when any are new or changed, one POST adding
 * them. Comparing first costs one small request and makes a rerun of an ingested corpus write
 * nothing, where deleting and inserting every record again would rewrite the whole store (and
 * grow a TDB2 database on the server, which never reuses freed space until compacted).
 *
 * <p>Each request is one transaction on the server. A kill or a failed request leaves every
 * batch before it stored; of its own batch, the new records are stored all or none, and a
 * changed record is either its old version, its new one, or (killed between the delete and the
 * add) absent. Rerunning the ingest reads an absent record as new, so it ends with every record
 * stored once, in its latest version; readers may miss a changed record for the moment between
 * the two requests.
 */
final class RemoteBatchWriter implements Ingester.BatchSink, AutoCloseable {
  private final RemoteStore store;
  private final ExecutorService thread;

  RemoteBatchWriter(RemoteStore store) {
    this.store = store;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "kb-remote-writer");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public Future<IngestReport> submit(Prepared batch, IngestSettings settings) {
    return thread.submit(() -> write(batch));
  }

  /** Stores the new and changed records of {@code p}; says what it did. */
  IngestReport write(Prepared p) {
    if (p.triples().isEmpty()) {
      return new IngestReport(p.read(), 0, 0, 0, p.rejected(), p.duplicates(), 0, 0);
    }
    Map<String, String> json = new LinkedHashMap<>();
    p.triples().keySet().forEach(id -> json.put(id, p.json().get(id)));
    try {
      Map<String, Stored> stored = store.compare(json);
      // Sorted by id, as the local writer does, so the server's indexes take mostly-sequential
      // inserts.
      Map<String, List<Triple>> changed = new TreeMap<>();
      List<String> stale = new ArrayList<>();
      for (Map.Entry<String, List<Triple>> e : p.triples().entrySet()) {
        Stored s = stored.get(e.getKey());
        if (s != Stored.SAME) {
          changed.put(e.getKey(), e.getValue());
        }
        if (s == Stored.DIFFERENT) {
          stale.add(e.getKey());
        }
      }
      long added = changed.size() - stale.size();
      store.delete(stale);
      store.insert(changed);
      return new IngestReport(p.read(), added, stale.size(),
          p.triples().size() - changed.size(), p.rejected(), p.duplicates(),
          changed.isEmpty() ? 0 : 1, 0);
    } catch (RemoteStoreException e) {
      throw e.within(p.origin() + ": the batch starting here (" + p.read() + " records) was"
          + " not stored; rerun the same command to finish (records already stored are"
          + " skipped)");
    }
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
