package org.distill4j.teacher.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
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
 * <p>This class is the facade; the parts behind it are {@link ReplyTable} (the SQL, with the
 * Bloom filter {@link StoredKeys} in front and the schema in {@link CacheSchema}), {@link
 * ReplyLog} (the write-ahead log and its replay), {@link GroupCommitter} (the writer thread, its
 * queue and its lock) and {@link PendingReplies} (what lookups see before the commit).
 *
 * <p>Thread-safe.
 */
public final class ReplyCache implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ReplyCache.class.getName());
  /** The database file inside a cache folder. */
  public static final String FILE_NAME = "replies.sqlite";

  private final Path file;
  private final ReplyTable table;
  private final ReplyLog log;
  private final int replayed;
  private final PendingReplies pending = new PendingReplies();
  private final GroupCommitter committer;

  private final AtomicLong lookups = new AtomicLong();
  private final AtomicLong lookupsSkipped = new AtomicLong();

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
    this.committer = new GroupCommitter(file, table, log, pending);
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
          + ReplyTable.busyHint(e), e);
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
    CachedReply done = pending.complete(key.hex());
    if (done != null && done.servesLimit(maxTokens)) {
      return Optional.of(done.reply());
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
    CachedReply cut = pending.cutAt(key.hex(), maxTokens);
    if (cut != null) {
      return Optional.of(cut.reply());
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
    committer.awaitRoom();
    // Outside the committer's lock: workers append side by side, each with one system call.
    ReplyLog.Segment segment;
    try {
      segment = log.append(line);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the reply log in " + file.getParent() + ": "
          + e.getMessage() + "; check that the folder is writable and the disk has room, then run"
          + " again (stored replies are kept)", e);
    }
    return committer.enqueue(row, segment);
  }

  /** Stores a reply and waits until it is committed to the database. */
  public void put(CacheKey key, Integer maxTokens, TeacherReply reply) {
    awaitCommitted(store(key, maxTokens, reply));
  }

  /** The ticket of the reply stored last; awaiting it awaits everything stored so far. */
  public long lastQueued() {
    return committer.lastQueued();
  }

  /**
   * Makes sure the reply with this ticket, and every one before it, survives a process kill, so
   * that whatever is derived from them may be made durable. {@link #store} logged them before it
   * returned, so this does not wait; it reports a cache whose database could not be written.
   *
   * @throws IllegalStateException when the cache could not be written
   */
  public void awaitStored(long ticket) {
    committer.checkIssued(ticket);
  }

  /**
   * Waits until the reply with this ticket, and every one stored before it, is committed to the
   * database (where another process, or a copy of the file, sees it).
   *
   * @throws IllegalStateException when the cache could not be written
   */
  public void awaitCommitted(long ticket) {
    committer.awaitCommitted(ticket);
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
    return new Activity(
        lookups.get(), lookupsSkipped.get(), committer.commits(), committer.rowsCommitted());
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
    if (!committer.requestStop()) {
      return;
    }
    boolean interrupted = committer.awaitStop();
    try {
      log.close(committer.allCommitted());
      table.close();
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(
          "cannot close reply cache " + file + ": " + e.getMessage(), e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    committer.checkWritten();
  }
}
