package org.distill4j.teacher.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.distill4j.teacher.TeacherReply;

/**
 * Teacher replies on disk, keyed by {@link CacheKey}: an SQLite database in WAL mode, written by
 * one thread of its own, behind a write-ahead log of its own ({@link ReplyLog}).
 *
 * <p>Replies are stored raw, before parsing: a changed parser re-reads them without a request.
 * {@link #store} appends the reply to the log (one {@code write()}, so it survives a kill of the
 * process from the moment {@code store} returns), makes it visible to lookups and queues it; the
 * cache's writer commits what has queued, many replies per transaction (one commit costs about as
 * much as the rows in it, whatever their number), within ten milliseconds. Opening a cache
 * replays whatever a killed process had logged but not committed. So a reply that reached the
 * process is never asked for again after a {@code kill -9}; only a power cut can lose the last
 * ones (as it can lose SQLite's last commits with {@code synchronous=NORMAL}).
 *
 * <p>A key holds the complete reply (one that ended by itself) apart from the replies cut at a
 * limit, one per limit: a reply cut under a lowered {@code max_tokens} never replaces the
 * complete one, which answers again once the limit is restored (see {@link
 * CachedReply#servesLimit}).
 *
 * <p>A Bloom filter of every stored key (built from the table on the first lookup, then kept up
 * to date by every commit) answers most lookups of keys never stored without touching the
 * database; a "maybe" still reads the table, so the filter can only save work, never hide a reply.
 * It knows what this process stored and what was on disk when it was built; replies another
 * process stores in the same cache meanwhile may be asked again.
 *
 * <p>Thread-safe.
 */
public final class ReplyCache implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReplyCache.class.getName());
  /** The database file inside a cache folder. */
  public static final String FILE_NAME = "replies.sqlite";

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
  private final int replayed;

  /** Guards the queue, the sequence numbers, the writer's state and the error. */
  private final Object queueLock = new Object();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long lastQueued;
  private volatile long lastCommitted;
  private boolean writerIdle;
  /** Threads in {@link #awaitCommitted}: the writer stops lingering for them. */
  private int awaiting;
  private boolean closing;
  private SQLException failure;
  /** Logged replies not committed yet, so a lookup finds a reply from the moment it is stored. */
  private final ConcurrentHashMap<Slot, Pending> uncommitted = new ConcurrentHashMap<>();
  private final Thread writer;

  private final AtomicLong lookups = new AtomicLong();
  private final AtomicLong lookupsSkipped = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong rowsCommitted = new AtomicLong();

  /** Where a reply lives: its key and its slot (complete, or the limit it was cut at). */
  private record Slot(String key, int slot) {}

  /** A reply waiting for the writer, and the log segment that holds it. */
  private record Pending(long seq, ReplyTable.Row row, ReplyLog.Segment segment) {
    Slot slot() {
      return new Slot(row.key(), row.slot());
    }
  }

  private ReplyCache(Path folder, long segmentBytes) throws SQLException, IOException {
    this.file = folder.resolve(FILE_NAME);
    this.table = new ReplyTable(file);
    try {
      this.replayed = replay(table, folder);
    } catch (IOException | SQLException | RuntimeException e) {
      table.close();
      throw e;
    }
    this.log = ReplyLog.create(folder, segmentBytes);
    this.writer = new Thread(this::writeLoop, "distill4j-reply-cache");
    writer.setDaemon(true);
    writer.start();
  }

  /** Opens (creating when missing) the cache in {@code folder}, replaying a killed run's log. */
  public static ReplyCache open(Path folder) {
    return open(folder, ReplyLog.SEGMENT_BYTES);
  }

  /** As {@link #open(Path)}, with log segments closed at {@code segmentBytes}. */
  static ReplyCache open(Path folder, long segmentBytes) {
    try {
      Files.createDirectories(folder);
      return new ReplyCache(folder, segmentBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open cache folder " + folder + ": " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open reply cache " + folder + ": " + e.getMessage()
          + busyHint(e), e);
    }
  }

  /** Commits the replies a killed process logged but never committed; returns how many. */
  private static int replay(ReplyTable table, Path folder) throws IOException, SQLException {
    ReplyLog.Recovered r = ReplyLog.recover(folder);
    if (r.paths().isEmpty()) {
      return 0;
    }
    try {
      table.commit(r.rows());
    } catch (SQLException | RuntimeException e) {
      r.release();
      throw e;
    }
    r.discard();
    LOG.log(System.Logger.Level.INFO, "reply cache " + folder + ": committed " + r.rows().size()
        + " replies an interrupted run had logged" + (r.dropped() > 0
            ? "; dropped " + r.dropped() + " line(s) cut short by the interruption" : ""));
    return r.rows().size();
  }

  /**
   * The stored reply for {@code key} that serves a request with this token limit: the complete
   * one when it fits the limit, else one cut at exactly this limit.
   */
  public Optional<TeacherReply> find(CacheKey key, Integer maxTokens) {
    lookups.incrementAndGet();
    Pending done = uncommitted.get(new Slot(key.hex(), CacheSchema.COMPLETE));
    if (done != null && done.row().cached().servesLimit(maxTokens)) {
      return Optional.of(done.row().cached().reply());
    }
    Optional<CachedReply> committed = Optional.empty();
    if (table.mightContain(key.hex())) {
      committed = table.best(key.hex(), maxTokens);
    } else {
      lookupsSkipped.incrementAndGet();
    }
    if (committed.isPresent() && !committed.get().limitBound()) {
      return committed.map(CachedReply::reply);
    }
    // A complete reply, wherever it is, is better than one cut at this limit.
    Pending cut = uncommitted.get(new Slot(key.hex(), ReplyTable.cutSlot(maxTokens)));
    if (cut != null) {
      return Optional.of(cut.row().cached().reply());
    }
    return committed.map(CachedReply::reply);
  }

  /**
   * Stores a reply: appends it to the log (after which a process kill cannot lose it), makes it
   * visible to lookups and queues it for the writer, which commits it within milliseconds. It
   * replaces an older reply only in its own slot: a cut reply never replaces a complete one.
   *
   * @return its ticket for {@link #awaitCommitted(long)}
   * @throws UncheckedIOException when the log cannot be written (e.g. the disk is full)
   */
  public long store(CacheKey key, Integer maxTokens, TeacherReply reply) {
    ReplyTable.Row row = ReplyTable.Row.of(key.hex(), maxTokens, reply, Instant.now());
    byte[] line = ReplyLog.encode(row);
    synchronized (queueLock) {
      throwIfFailed();
      while (queue.size() >= MAX_QUEUED && failure == null && !closing) {
        queueLock.notifyAll();
        waitInterruptibly();
      }
      throwIfUnusable();
    }
    // Outside the queue's lock: workers append side by side, each with one system call.
    ReplyLog.Segment segment;
    try {
      segment = log.append(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reply log in " + file.getParent() + ": "
          + e.getMessage() + "; check that the folder is writable and the disk has room, then run"
          + " again (stored replies are kept)", e);
    }
    synchronized (queueLock) {
      throwIfUnusable();
      Pending p = new Pending(++lastQueued, row, segment);
      uncommitted.put(p.slot(), p);
      queue.add(p);
      // A busy writer comes back for the queue by itself; only an idle one needs waking.
      if (writerIdle || queue.size() >= MAX_BATCH) {
        queueLock.notifyAll();
      }
      return p.seq();
    }
  }

  private void throwIfUnusable() {
    throwIfFailed();
    if (closing) {
      throw new IllegalStateException("reply cache " + file + " is closed");
    }
  }

  private void waitInterruptibly() {
    try {
      queueLock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing a reply in " + file, e);
    }
  }

  /** Stores a reply and waits until it is committed to the database. */
  public void put(CacheKey key, Integer maxTokens, TeacherReply reply) {
    awaitCommitted(store(key, maxTokens, reply));
  }

  /** The ticket of the reply stored last; awaiting it awaits everything stored so far. */
  public long lastQueued() {
    synchronized (queueLock) {
      return lastQueued;
    }
  }

  /**
   * Makes sure the reply with this ticket, and every one before it, survives a process kill, so
   * that whatever is derived from them may be made durable. {@link #store} logged them before it
   * returned, so this does not wait; it reports a cache whose database could not be written.
   *
   * @throws IllegalStateException when the cache could not be written
   */
  public void awaitStored(long ticket) {
    synchronized (queueLock) {
      throwIfFailed();
      if (ticket > lastQueued) {
        throw new IllegalArgumentException("ticket " + ticket + " was never issued");
      }
    }
  }

  /**
   * Waits until the reply with this ticket, and every one stored before it, is committed to the
   * database (where another process, or a copy of the file, sees it).
   *
   * @throws IllegalStateException when the cache could not be written
   */
  public void awaitCommitted(long ticket) {
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

  /** The writer: takes what has queued, waits briefly for more while replies stream in, commits. */
  private void writeLoop() {
    long lastCommit = 0;
    while (true) {
      List<Pending> batch;
      synchronized (queueLock) {
        while (queue.isEmpty() && !closing) {
          writerIdle = true;
          waitQuietly(0);
          writerIdle = false;
        }
        if (queue.isEmpty()) {
          return;
        }
        // Replies keep coming when the last commit was recent; after a quiet spell a lone reply
        // is committed at once. The log already keeps them safe, so lingering costs nothing.
        boolean streaming = lastCommit != 0 && System.nanoTime() - lastCommit < QUIET_NANOS;
        if (streaming && !closing && awaiting == 0) {
          long deadline = System.nanoTime() + LINGER_NANOS;
          long left;
          while (queue.size() < MAX_BATCH && !closing && awaiting == 0
              && (left = deadline - System.nanoTime()) > 0) {
            waitQuietly(left);
          }
        }
        batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
        while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
          batch.add(queue.poll());
        }
      }
      if (!commitOrFail(batch)) {
        return;
      }
      for (Pending p : batch) {
        // Only the newest stored reply of a slot stays visible through the map.
        uncommitted.remove(p.slot(), p);
      }
      lastCommit = System.nanoTime();
    }
  }

  /** Commits a batch; on an error records it, wakes everyone and returns false. */
  private boolean commitOrFail(List<Pending> batch) {
    SQLException error = null;
    try {
      commit(batch);
      // Before the commit is announced: whoever awaits it finds the covered segments gone.
      log.committed(batch.stream().map(Pending::segment).toList());
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

  private void waitQuietly(long nanos) {
    try {
      if (nanos <= 0) {
        queueLock.wait();
      } else {
        queueLock.wait(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
      }
    } catch (InterruptedException e) {
      // Only close() stops the writer; an interrupt from elsewhere must not lose queued replies.
      Thread.interrupted();
    }
  }

  private void commit(List<Pending> batch) throws SQLException {
    table.commit(batch.stream().map(Pending::row).toList());
    commits.incrementAndGet();
    rowsCommitted.addAndGet(batch.size());
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw new IllegalStateException("cannot write reply cache " + file + ": "
          + failure.getMessage() + busyHint(failure), failure);
    }
  }

  private static String busyHint(SQLException e) {
    return String.valueOf(e.getMessage()).contains("SQLITE_BUSY")
        ? "; another process holds it (a second run on the same output folder?): let it finish,"
            + " or give this run its own --out"
        : "";
  }

  /**
   * What the cache did since it opened.
   *
   * @param lookups lookups asked
   * @param lookupsSkipped lookups the filter answered "never stored" without reading the table
   * @param commits transactions committed
   * @param rowsCommitted replies stored in them
   */
  public record Activity(long lookups, long lookupsSkipped, long commits, long rowsCommitted) {}

  /** What the cache did since it opened. */
  public Activity activity() {
    return new Activity(lookups.get(), lookupsSkipped.get(), commits.get(), rowsCommitted.get());
  }

  /** How many logged replies of a killed process the opening of this cache committed. */
  public int replayedAtOpen() {
    return replayed;
  }

  /** How many replies are committed. */
  public long size() {
    return table.size();
  }

  public Path file() {
    return file;
  }

  /** Commits everything stored, deletes the log, then closes the database. */
  @Override
  public void close() {
    synchronized (queueLock) {
      if (closing) {
        return;
      }
      closing = true;
      queueLock.notifyAll();
    }
    boolean interrupted = false;
    while (writer.isAlive()) {
      try {
        writer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      boolean allCommitted;
      synchronized (queueLock) {
        allCommitted = failure == null && lastCommitted == lastQueued;
      }
      log.close(allCommitted);
      table.close();
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(
          "cannot close reply cache " + file + ": " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (queueLock) {
      throwIfFailed();
    }
  }
}
