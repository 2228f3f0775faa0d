package org.distill4j.generation.cache;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.distill4j.generation.teacher.TeacherReply;
import org.sqlite.SQLiteConfig;

/**
 * Teacher replies on disk, keyed by {@link CacheKey}: an SQLite database in WAL mode, written by
 * one thread of its own. WAL with {@code synchronous=NORMAL} loses nothing committed to a process
 * crash, only possibly the last commits to a power cut.
 *
 * <p>Replies are stored raw, before parsing: a changed parser re-reads them without a request.
 * {@link #store} queues a reply and returns at once; the cache's writer commits what has queued,
 * many replies per transaction (one commit costs about as much as the rows in it, whatever their
 * number), within ten milliseconds, or at once when someone awaits them. A queued reply is already visible to lookups. Whoever makes
 * something durable that was derived from replies (records in a file, a "done" mark) first calls
 * {@link #awaitStored(long)}, so a crash can never leave a record whose reply would be asked for,
 * and paid for, again. {@link #put} does both at once.
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
  /** Keys the filter is sized for at least; a larger cache sizes it for twice its rows. */
  private static final int MIN_FILTER_KEYS = 1 << 20;

  private final Path file;
  private final Connection db;
  private final Connection reader;
  private final PreparedStatement select;
  private final PreparedStatement upsert;

  /** Guards the queue, the sequence numbers, the writer's state and the error. */
  private final Object queueLock = new Object();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private long lastQueued;
  private volatile long lastCommitted;
  private boolean writerIdle;
  /** Threads in {@link #awaitStored}: the writer stops lingering for them. */
  private int awaiting;
  private boolean closing;
  private SQLException failure;
  /** Queued replies not committed yet, so a lookup finds a reply from the moment it is queued. */
  private final ConcurrentHashMap<String, Pending> uncommitted = new ConcurrentHashMap<>();
  private final Thread writer;

  /** Held while a batch is written and while the filter is built, so neither misses the other. */
  private final ReentrantLock commitLock = new ReentrantLock();
  private volatile BloomFilter<Long> stored;

  private final AtomicLong lookups = new AtomicLong();
  private final AtomicLong lookupsSkipped = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong rowsCommitted = new AtomicLong();

  /** A reply waiting for the writer. */
  private record Pending(long seq, String key, Integer maxTokens, TeacherReply reply, Instant at) {}

  private ReplyCache(Path file) throws SQLException {
    this.file = file;
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    // The driver otherwise runs a second query after every insert to fetch a row id nobody reads.
    config.setGetGeneratedKeys(false);
    this.db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE TABLE IF NOT EXISTS replies ("
              + " key TEXT PRIMARY KEY,"
              + " text TEXT,"
              + " finish TEXT NOT NULL,"
              + " input_tokens INTEGER,"
              + " output_tokens INTEGER,"
              + " model TEXT,"
              + " max_tokens INTEGER,"
              + " stored_at TEXT NOT NULL)");
    }
    // Lookups go through their own connection: in WAL mode readers never wait for the writer.
    this.reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try (Statement st = reader.createStatement()) {
      st.execute("PRAGMA busy_timeout=10000");
    }
    this.select = reader.prepareStatement(
        "SELECT text, finish, input_tokens, output_tokens, model, max_tokens, stored_at"
            + " FROM replies WHERE key = ?");
    // The writer stays out of auto-commit: each batch is one explicit commit, and the driver does
    // not toggle the mode (two more BEGIN/COMMIT statements) around every batch.
    db.setAutoCommit(false);
    this.upsert = db.prepareStatement(
        "INSERT OR REPLACE INTO replies"
            + " (key, text, finish, input_tokens, output_tokens, model, max_tokens, stored_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    this.writer = new Thread(this::writeLoop, "distill4j-reply-cache");
    writer.setDaemon(true);
    writer.start();
  }

  /** Opens (creating when missing) the cache in {@code folder}. */
  public static ReplyCache open(Path folder) {
    try {
      Files.createDirectories(folder);
      return new ReplyCache(folder.resolve(FILE_NAME));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create cache folder " + folder, e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open reply cache " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The stored (or queued) reply for {@code key}, whatever limit it was asked under. */
  public Optional<CachedReply> get(CacheKey key) {
    lookups.incrementAndGet();
    Pending queued = uncommitted.get(key.hex());
    if (queued != null) {
      return Optional.of(new CachedReply(queued.reply(), queued.maxTokens(), queued.at()));
    }
    BloomFilter<Long> filter = stored != null ? stored : buildFilter();
    if (!filter.mightContain(filterKey(key.hex()))) {
      lookupsSkipped.incrementAndGet();
      return Optional.empty();
    }
    return read(key);
  }

  /** The stored reply for {@code key} when it serves a request with this token limit. */
  public Optional<TeacherReply> find(CacheKey key, Integer maxTokens) {
    return get(key).filter(c -> c.servesLimit(maxTokens)).map(CachedReply::reply);
  }

  /**
   * Queues a reply for storing (replacing an older one under the key) and returns at once (unless
   * the queue is full); the writer commits it within milliseconds. Lookups see it from now on.
   *
   * @return its ticket for {@link #awaitStored(long)}
   */
  public long store(CacheKey key, Integer maxTokens, TeacherReply reply) {
    synchronized (queueLock) {
      throwIfFailed();
      while (queue.size() >= MAX_QUEUED && failure == null && !closing) {
        queueLock.notifyAll();
        try {
          queueLock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while storing a reply in " + file, e);
        }
      }
      throwIfFailed();
      if (closing) {
        throw new IllegalStateException("reply cache " + file + " is closed");
      }
      Pending p = new Pending(++lastQueued, key.hex(), maxTokens, reply, Instant.now());
      uncommitted.put(p.key(), p);
      queue.add(p);
      // A busy writer comes back for the queue by itself; only an idle one needs waking.
      if (writerIdle || queue.size() >= MAX_BATCH) {
        queueLock.notifyAll();
      }
      return p.seq();
    }
  }

  /** Stores a reply and waits until it is committed. */
  public void put(CacheKey key, Integer maxTokens, TeacherReply reply) {
    awaitStored(store(key, maxTokens, reply));
  }

  /** The ticket of the reply queued last; awaiting it awaits everything queued so far. */
  public long lastQueued() {
    synchronized (queueLock) {
      return lastQueued;
    }
  }

  /**
   * Waits until the reply with this ticket, and every one queued before it, is committed.
   *
   * @throws IllegalStateException when the cache could not be written
   */
  public void awaitStored(long ticket) {
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
          try {
            queueLock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing replies in " + file, e);
          }
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
        // Replies keep coming when the last commit was recent; after a quiet spell a lone reply
        // is committed at once.
        boolean streaming = lastCommit != 0 && System.nanoTime() - lastCommit < QUIET_NANOS;
        if (queue.isEmpty()) {
          return;
        }
        if (streaming && !closing && awaiting == 0) {
          // Replies are arriving back to back: a little patience lets one commit carry many.
          // Nobody waits for it meanwhile: whoever needs the replies durable cuts it short.
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
      SQLException error = null;
      try {
        commit(batch);
      } catch (SQLException e) {
        error = e;
      }
      synchronized (queueLock) {
        if (error != null) {
          failure = error;
          queue.clear();
          queueLock.notifyAll();
          return;
        }
        lastCommitted = batch.get(batch.size() - 1).seq();
        queueLock.notifyAll();
      }
      for (Pending p : batch) {
        // Only the newest queued reply of a key stays visible through the map.
        uncommitted.remove(p.key(), p);
      }
      lastCommit = System.nanoTime();
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
    commitLock.lock();
    try {
      BloomFilter<Long> filter = stored;
      if (filter != null) {
        // Before the rows are committed: a lookup racing this commit reads the table, never skips.
        for (Pending p : batch) {
          filter.put(filterKey(p.key()));
        }
      }
      for (Pending p : batch) {
        upsert.setString(1, p.key());
        upsert.setString(2, p.reply().text());
        upsert.setString(3, p.reply().finish().name());
        setInt(upsert, 4, p.reply().inputTokens());
        setInt(upsert, 5, p.reply().outputTokens());
        upsert.setString(6, p.reply().model());
        setInt(upsert, 7, p.maxTokens());
        upsert.setString(8, p.at().toString());
        upsert.executeUpdate();
      }
      db.commit();
      commits.incrementAndGet();
      rowsCommitted.addAndGet(batch.size());
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // The first error is the one worth reporting.
      }
      throw e;
    } finally {
      commitLock.unlock();
    }
  }

  private synchronized Optional<CachedReply> read(CacheKey key) {
    try {
      select.setString(1, key.hex());
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        TeacherReply reply = new TeacherReply(
            rs.getString(1),
            TeacherReply.Finish.valueOf(rs.getString(2)),
            (Integer) rs.getObject(3, Integer.class),
            (Integer) rs.getObject(4, Integer.class),
            rs.getString(5));
        return Optional.of(new CachedReply(
            reply, rs.getObject(6, Integer.class), Instant.parse(rs.getString(7))));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read reply cache " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads every stored key into a new filter. No batch commits meanwhile (both hold {@link
   * #commitLock}), and every batch committed afterwards adds its keys, so no stored key is missed.
   */
  private BloomFilter<Long> buildFilter() {
    commitLock.lock();
    try {
      if (stored != null) {
        return stored;
      }
      synchronized (this) {
        try (Statement st = reader.createStatement()) {
          long rows;
          try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM replies")) {
            rs.next();
            rows = rs.getLong(1);
          }
          BloomFilter<Long> filter =
              BloomFilter.create(Funnels.longFunnel(), Math.max(MIN_FILTER_KEYS, 2 * rows), 0.01);
          try (ResultSet rs = st.executeQuery("SELECT key FROM replies")) {
            while (rs.next()) {
              filter.put(filterKey(rs.getString(1)));
            }
          }
          stored = filter;
          return filter;
        } catch (SQLException e) {
          throw new IllegalStateException(
              "cannot read reply cache " + file + ": " + e.getMessage(), e);
        }
      }
    } finally {
      commitLock.unlock();
    }
  }

  /**
   * What the filter holds of a key: its first 64 bits. Keys are SHA-256 digests, so 64 of their
   * bits tell keys apart as well as all 256, and the filter hashes 8 bytes instead of 64 chars.
   */
  private static long filterKey(String hex) {
    return Long.parseUnsignedLong(hex, 0, 16, 16);
  }

  private void throwIfFailed() {
    if (failure != null) {
      String hint = String.valueOf(failure.getMessage()).contains("SQLITE_BUSY")
          ? "; another process holds it (a second run on the same output folder?): let it finish,"
              + " or give this run its own --out"
          : "";
      throw new IllegalStateException(
          "cannot write reply cache " + file + ": " + failure.getMessage() + hint, failure);
    }
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

  /** How many replies are committed. */
  public synchronized long size() {
    try (Statement st = reader.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM replies")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read reply cache " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  /** Commits everything queued, then closes the database. */
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
      synchronized (this) {
        select.close();
        reader.close();
      }
      upsert.close();
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close reply cache " + file, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (queueLock) {
      throwIfFailed();
    }
  }

  private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }
}
