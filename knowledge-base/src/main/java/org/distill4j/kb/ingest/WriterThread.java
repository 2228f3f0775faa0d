package org.distill4j.kb.ingest;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread every store write runs on, the thread that feeds the index beside it, and what
 * they agree on: the last batch the index committed, and whether an index write failed (then
 * nothing more is written until a repair or a reopen).
 */
final class WriterThread implements AutoCloseable {
  private final KbStores stores;
  private final ExecutorService writer;
  private final ExecutorService indexer;
  private long indexedBatch;
  private volatile RuntimeException broken;

  WriterThread(KbStores stores) {
    this.stores = stores;
    String folder = String.valueOf(stores.layout().directory().getFileName());
    this.writer = daemon("kb-writer " + folder);
    this.indexer = daemon("kb-indexer " + folder);
    this.indexedBatch = stores.index().committedBatch();
  }

  private static ExecutorService daemon(String name) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code work} on the writer thread and waits for it. */
  <T> T call(Callable<T> work) {
    return result(writer.submit(work));
  }

  /** Queues {@code work} on the writer thread. */
  <T> Future<T> submit(Callable<T> work) {
    return writer.submit(work);
  }

  /** Hands index documents to the indexer thread while the writer stores the batch. */
  Future<?> index(Runnable work) {
    return indexer.submit(work);
  }

  long indexedBatch() {
    return indexedBatch;
  }

  /** The index committed batch {@code seq}. */
  void indexed(long seq) {
    indexedBatch = seq;
  }

  /** An index write failed: the index no longer matches what it committed. */
  void broke(RuntimeException e) {
    broken = e;
  }

  boolean isBroken() {
    return broken != null;
  }

  /** A repair made the index match the store again. */
  void repaired() {
    broken = null;
  }

  void requireHealthy() {
    if (broken != null) {
      throw new IllegalStateException("an earlier write to the text index failed ("
          + broken.getMessage() + "); close and reopen the knowledge base, which re-indexes"
          + " what the store holds", broken);
    }
  }

  /** Journals the ids of the batch about to be stored; forgets ids the index has committed. */
  void startBatch(Collection<String> ids) {
    if (indexedBatch == stores.store().batchSeq()) {
      stores.journal().clear();
    }
    stores.journal().append(stores.store().batchSeq() + 1, ids);
  }

  /** The value of {@code future}, with the task's own exception when it failed. */
  static <T> T result(Future<T> future) {
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

  @Override
  public void close() {
    writer.shutdown();
    indexer.shutdown();
  }
}
