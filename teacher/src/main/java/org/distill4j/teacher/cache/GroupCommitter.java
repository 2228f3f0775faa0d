package org.distill4j.teacher.cache;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cache's background committer: one thread of its own takes the replies that have queued and
 * commits them to the {@link ReplyTable}, many per transaction (one commit costs about as much as
 * the rows in it, whatever their number), within {@link #LINGER_NANOS} of the first.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>The request thread calls {@link #awaitRoom()} before it logs a reply and {@link #enqueue}
 *       after; {@code enqueue} returns the reply's ticket and puts it in the {@link
 *       PendingReplies} view under the same lock, so the view holds the newest reply of a slot.
 *   <li>A batch is committed, then reported to the {@link ReplyLog} (which deletes the segments
 *       left with no uncommitted line), then announced ({@link #awaitCommitted} returns), then
 *       dropped from the pending view: whoever sees the commit finds the log segments gone, and a
 *       reply is always findable.
 *   <li>A failed commit is kept: every later call throws it, and what was queued stays in the log
 *       for the next open to commit.
 *   <li>{@link #requestStop()} takes no more replies; the thread commits what has queued, then
 *       ends. Only that stops it: an interrupt from elsewhere must not lose queued replies.
 * </ul>
 *
 * <p>One lock guards the queue, the tickets, the thread's state and the failure; the log append
 * happens outside it, so request threads append side by side.
 */
final class GroupCommitter {
  /** How long the writer waits for more replies to join a commit, when replies are streaming in. */
  static final long LINGER_NANOS = 10_000_000L;
  /** No commit for this long: replies are not streaming in, so the next one is not kept waiting. */
  private static final long QUIET_NANOS = 50_000_000L;
  /** A commit takes at most this many replies. */
  private static final int MAX_BATCH = 512;
  /**
   * Replies queued at most; a store waits while the queue is full, so a disk slower than the
   * teacher holds the runner back instead of filling the heap.
   */
  private static final int MAX_QUEUED = 4 * MAX_BATCH;

  private final Path file;
  private final ReplyTable table;
  private final ReplyLog log;
  private final PendingReplies pending;

  /** Guards the queue, the sequence numbers, the writer's state and the error. */
  private final Object queueLock = new Object();
  private final ArrayDeque<QueuedReply> queue = new ArrayDeque<>();
  private long lastQueued;
  private volatile long lastCommitted;
  private boolean writerIdle;
  /** Threads in {@link #awaitCommitted}: the writer stops lingering for them. */
  private int awaiting;
  private boolean closing;
  private SQLException failure;
  private final Thread writer;

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong rowsCommitted = new AtomicLong();

  /** Starts the committer's thread; {@code file} names the cache in errors. */
  GroupCommitter(Path file, ReplyTable table, ReplyLog log, PendingReplies pending) {
    this.file = file;
    this.table = table;
    this.log = log;
    this.pending = pending;
    this.writer = new Thread(this::writeLoop, "distill4j-reply-cache");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Waits while the queue is full (backpressure, before the reply is logged).
   *
   * @throws IllegalStateException when the cache could not be written or is closed
   */
  void awaitRoom() {
    synchronized (queueLock) {
      throwIfFailed();
      while (queue.size() >= MAX_QUEUED && failure == null && !closing) {
        queueLock.notifyAll();
        waitInterruptibly();
      }
      throwIfUnusable();
    }
  }

  /**
   * Queues a logged reply for the next commit and makes it visible in the pending view.
   *
   * @return its ticket for {@link #awaitCommitted(long)}
   * @throws IllegalStateException when the cache could not be written or is closed
   */
  long enqueue(ReplyTable.Row row, ReplyLog.Segment segment) {
    synchronized (queueLock) {
      throwIfUnusable();
      QueuedReply q = new QueuedReply(++lastQueued, row, segment);
      pending.add(q);
      queue.add(q);
      // A busy writer comes back for the queue by itself; only an idle one needs waking.
      if (writerIdle || queue.size() >= MAX_BATCH) {
        queueLock.notifyAll();
      }
      return q.seq();
    }
  }

  /** The ticket of the reply queued last. */
  long lastQueued() {
    synchronized (queueLock) {
      return lastQueued;
    }
  }

  /**
   * Throws when the cache could not be written, or when {@code ticket} was never issued.
   *
   * @throws IllegalStateException when the cache could not be written
   */
  void checkIssued(long ticket) {
    synchronized (queueLock) {
      throwIfFailed();
      if (ticket > lastQueued) {
        throw new IllegalArgumentException("ticket " + ticket + " was never issued");
      }
    }
  }

  /**
   * Waits until the reply with this ticket, and every one queued before it, is committed; the
   * writer stops lingering while anyone waits here.
   *
   * @throws IllegalStateException when the cache could not be written
   */
  void awaitCommitted(long ticket) {
    if (lastCommitted >= ticket) {
      return;
    }
    synchronized (queueLock) {
      awaiting++;
      queueLock.notifyAll();
      try {
        while (lastCommitted < ticket) {
          throwIfFailed();
          if (!writer.isAlive()) {
            throw new IllegalStateException("reply cache " + file + " stopped writing");
          }
          waitInterruptibly();
        }
      } finally {
        awaiting--;
      }
    }
  }

  /** Throws the failed commit, if one failed. */
  void checkWritten() {
    synchronized (queueLock) {
      throwIfFailed();
    }
  }

  /** Whether every queued reply was committed without a failure. */
  boolean allCommitted() {
    synchronized (queueLock) {
      return failure == null && lastCommitted == lastQueued;
    }
  }

  /**
   * Takes no more replies; the thread commits what has queued, then ends.
   *
   * @return false when a stop was requested before
   */
  boolean requestStop() {
    synchronized (queueLock) {
      if (closing) {
        return false;
      }
      closing = true;
      queueLock.notifyAll();
      return true;
    }
  }

  /**
   * Waits until the thread has ended, through interrupts.
   *
   * @return whether the caller was interrupted meanwhile (it restores the flag when done)
   */
  boolean awaitStop() {
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    return interrupted;
  }

  /** Transactions committed so far. */
  long commits() {
    return commits.get();
  }

  /** Replies committed so far. */
  long rowsCommitted() {
    return rowsCommitted.get();
  }

  /** The writer: takes what has queued, waits briefly for more while replies stream in, commits. */
  private void writeLoop() {
    long lastCommit = 0;
    while (true) {
      List<QueuedReply> batch = nextBatch(lastCommit);
      if (batch == null || !commitOrFail(batch)) {
        return;
      }
      // Only the newest stored reply of a slot stays visible through the view.
      pending.committed(batch);
      lastCommit = System.nanoTime();
    }
  }

  /** Waits for replies and takes a batch of them; null once closing with nothing queued. */
  private List<QueuedReply> nextBatch(long lastCommit) {
    synchronized (queueLock) {
      while (queue.isEmpty() && !closing) {
        writerIdle = true;
        waitQuietly(0);
        writerIdle = false;
      }
      if (queue.isEmpty()) {
        return null;
      }
      lingerWhileStreaming(lastCommit);
      List<QueuedReply> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
      while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
        batch.add(queue.poll());
      }
      return batch;
    }
  }

  /**
   * Replies keep coming when the last commit was recent: waits up to {@link #LINGER_NANOS} for a
   * full batch. After a quiet spell a lone reply is committed at once. The log already keeps the
   * replies safe, so lingering costs nothing. Called with the lock held.
   */
  private void lingerWhileStreaming(long lastCommit) {
    boolean streaming = lastCommit != 0 && System.nanoTime() - lastCommit < QUIET_NANOS;
    if (!streaming || closing || awaiting != 0) {
      return;
    }
    long deadline = System.nanoTime() + LINGER_NANOS;
    long left;
    while (queue.size() < MAX_BATCH && !closing && awaiting == 0
        && (left = deadline - System.nanoTime()) > 0) {
      waitQuietly(left);
    }
  }

  /** Commits a batch; on an error records it, wakes everyone and returns false. */
  private boolean commitOrFail(List<QueuedReply> batch) {
    SQLException error = null;
    try {
      commit(batch);
      // Before the commit is announced: whoever awaits it finds the covered segments gone.
      log.committed(batch.stream().map(QueuedReply::segment).toList());
    } catch (SQLException e) {
      error = e;
    }
    synchronized (queueLock) {
      if (error != null) {
        // What was queued stays in the log: the next open commits it.
        failure = error;
        queue.clear();
        queueLock.notifyAll();
        return false;
      }
      lastCommitted = batch.get(batch.size() - 1).seq();
      queueLock.notifyAll();
      return true;
    }
  }

  private void commit(List<QueuedReply> batch) throws SQLException {
    table.commit(batch.stream().map(QueuedReply::row).toList());
    commits.incrementAndGet();
    rowsCommitted.addAndGet(batch.size());
  }

  /** The writer's wait, with the lock held: an interrupt is ignored, only a stop ends it. */
  private void waitQuietly(long nanos) {
    try {
      if (nanos <= 0) {
        queueLock.wait();
      } else {
        queueLock.wait(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      }
    } catch (InterruptedException e) {
      // Only requestStop() stops the writer; an interrupt from elsewhere must not lose replies.
      Thread.interrupted();
    }
  }

  /** A caller's wait, with the lock held: an interrupt gives up, keeping the flag. */
  private void waitInterruptibly() {
    try {
      queueLock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing a reply in " + file, e);
    }
  }

  private void throwIfUnusable() {
    throwIfFailed();
    if (closing) {
      throw new IllegalStateException("reply cache " + file + " is closed");
    }
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw new IllegalStateException("cannot write reply cache " + file + ": "
          + failure.getMessage() + ReplyTable.busyHint(failure), failure);
    }
  }
}
