package org.distill4j.generation.cache;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.distill4j.generation.teacher.TeacherReply;
import org.sqlite.SQLiteConfig;

/**
 * Teacher replies on disk, keyed by {@link CacheKey}: an SQLite database in WAL mode. Each
 * {@link #put} is its own committed transaction, so a reply survives a {@code kill -9} of the
 * process the moment {@code put} returns (WAL with {@code synchronous=NORMAL} loses nothing to a
 * process crash, only possibly the last commits to a power cut).
 *
 * <p>Replies are stored raw, before parsing: a changed parser re-reads them without a request.
 * Thread-safe: lookups share a reading connection; stores share group commits on a writing one.
 */
public final class ReplyCache implements AutoCloseable {
  /** The database file inside a cache folder. */
  public static final String FILE_NAME = "replies.sqlite";

  private final Path file;
  private final Connection db;
  private final Connection reader;
  private final PreparedStatement select;
  private final PreparedStatement upsert;
  private final Object writeLock = new Object();
  private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
  private boolean committing;

  /** A reply waiting for the next group commit. */
  private static final class Pending {
    final String key;
    final Integer maxTokens;
    final TeacherReply reply;
    boolean done;
    SQLException error;

    Pending(String key, Integer maxTokens, TeacherReply reply) {
      this.key = key;
      this.maxTokens = maxTokens;
      this.reply = reply;
    }
  }

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
    // The writer stays out of auto-commit: each group is one explicit commit, and the driver does
    // not toggle the mode (two more BEGIN/COMMIT statements) around every group.
    db.setAutoCommit(false);
    this.upsert = db.prepareStatement(
        "INSERT OR REPLACE INTO replies"
            + " (key, text, finish, input_tokens, output_tokens, model, max_tokens, stored_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
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

  /** The stored reply for {@code key}, whatever limit it was asked under. */
  public synchronized Optional<CachedReply> get(CacheKey key) {
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

  /** The stored reply for {@code key} when it serves a request with this token limit. */
  public Optional<TeacherReply> find(CacheKey key, Integer maxTokens) {
    return get(key).filter(c -> c.servesLimit(maxTokens)).map(CachedReply::reply);
  }

  /**
   * Stores a reply (replacing an older one under the key); committed when this returns. Callers
   * arriving while a commit runs are committed together in the next transaction (group commit),
   * so many workers share one commit instead of queueing for one each.
   */
  public void put(CacheKey key, Integer maxTokens, TeacherReply reply) {
    Pending mine = new Pending(key.hex(), maxTokens, reply);
    List<Pending> batch;
    synchronized (writeLock) {
      pending.add(mine);
      while (committing && !mine.done) {
        waitForCommit();
      }
      if (mine.done) {
        rethrow(mine);
        return;
      }
      committing = true;
      batch = new ArrayList<>(pending);
      pending.clear();
    }
    SQLException error = null;
    try {
      commit(batch);
    } catch (SQLException e) {
      error = e;
    }
    synchronized (writeLock) {
      for (Pending p : batch) {
        p.done = true;
        p.error = error;
      }
      committing = false;
      writeLock.notifyAll();
    }
    rethrow(mine);
  }

  private void commit(List<Pending> batch) throws SQLException {
    try {
      String now = Instant.now().toString();
      for (Pending p : batch) {
        upsert.setString(1, p.key);
        upsert.setString(2, p.reply.text());
        upsert.setString(3, p.reply.finish().name());
        setInt(upsert, 4, p.reply.inputTokens());
        setInt(upsert, 5, p.reply.outputTokens());
        upsert.setString(6, p.reply.model());
        setInt(upsert, 7, p.maxTokens);
        upsert.setString(8, now);
        upsert.executeUpdate();
      }
      db.commit();
    } catch (SQLException e) {
      db.rollback();
      throw e;
    }
  }

  private void waitForCommit() {
    try {
      writeLock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while storing a reply", e);
    }
  }

  private void rethrow(Pending p) {
    if (p.error != null) {
      throw new IllegalStateException(
          "cannot write reply cache " + file + ": " + p.error.getMessage(), p.error);
    }
  }

  /** How many replies are stored. */
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

  @Override
  public void close() {
    synchronized (writeLock) {
      while (committing) {
        waitForCommit();
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
