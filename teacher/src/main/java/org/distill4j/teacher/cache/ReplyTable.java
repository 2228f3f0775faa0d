package org.distill4j.teacher.cache;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.distill4j.core.logprob.CompactLogprobs;
import org.distill4j.teacher.TeacherReply;
import org.sqlite.SQLiteConfig;

/**
 * The {@code replies} table of {@code replies.sqlite} (WAL mode): one connection that writes, in
 * explicit transactions, and one that reads, so lookups never wait for a commit.
 */
final class ReplyTable implements AutoCloseable {
  /** One row: a reply in its slot (complete, or the limit it was cut at). */
  record Row(String key, int slot, CachedReply cached) {
    static Row of(String key, Integer maxTokens, TeacherReply reply, Instant at) {
      CachedReply c = new CachedReply(reply, maxTokens, at);
      return new Row(key, c.limitBound() ? cutSlot(maxTokens) : CacheSchema.COMPLETE, c);
    }
  }

  private final Path file;
  private final Connection db;
  private final Connection reader;
  private final PreparedStatement select;
  private final PreparedStatement upsert;
  private final StoredKeys stored = new StoredKeys();

  ReplyTable(Path file) throws SQLException {
    this.file = file;
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // With WAL, NORMAL loses nothing committed to a process crash, only the last commits to a
    // power cut.
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(10_000);
    // The driver otherwise runs a second query after every insert to fetch a row id nobody reads.
    config.setGetGeneratedKeys(false);
    this.db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    try {
      CacheSchema.prepare(db, file);
      // The writer stays out of auto-commit: each batch is one explicit commit, and the driver
      // does not toggle the mode (two more BEGIN/COMMIT statements) around every batch.
      db.setAutoCommit(false);
      this.upsert = db.prepareStatement(CacheSchema.UPSERT);
      this.reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
    try {
      try (Statement st = reader.createStatement()) {
        st.execute("PRAGMA busy_timeout=10000");
      }
      this.select = reader.prepareStatement(CacheSchema.SELECT);
    } catch (SQLException e) {
      reader.close();
      db.close();
      throw e;
    }
  }

  /** The slot of a reply cut at this limit. */
  static int cutSlot(Integer maxTokens) {
    return maxTokens == null ? CacheSchema.UNLIMITED : maxTokens;
  }

  /** What to add to the message of an error: a hint when another process holds the database. */
  static String busyHint(SQLException e) {
    return String.valueOf(e.getMessage()).contains("SQLITE_BUSY")
        ? "; another process holds it (a second run on the same output folder?): let it finish,"
            + " or give this run its own output folder"
        : "";
  }

  /** Writes the rows in one transaction, each replacing only the row of its own slot. */
  void commit(List<Row> rows) throws SQLException {
    stored.commitLock().lock();
    try {
      stored.adding(rows.stream().map(Row::key).toList());
      for (Row r : rows) {
        write(r);
      }
      db.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // The first error is the one worth reporting.
      }
      throw e;
    } finally {
      stored.commitLock().unlock();
    }
  }

  private void write(Row r) throws SQLException {
    TeacherReply reply = r.cached().reply();
    upsert.setString(1, r.key());
    upsert.setInt(2, r.slot());
    upsert.setString(3, reply.text());
    upsert.setString(4, reply.finish().name());
    setInt(upsert, 5, reply.inputTokens());
    setInt(upsert, 6, reply.outputTokens());
    upsert.setString(7, reply.model());
    setInt(upsert, 8, r.cached().maxTokens());
    upsert.setString(9, r.cached().storedAt().toString());
    upsert.setString(10,
        reply.logprobs() == null ? null : CompactLogprobs.encode(reply.logprobs()));
    upsert.executeUpdate();
  }

  /** False when {@code key} was certainly never committed (see {@link StoredKeys}). */
  boolean mightContain(String key) {
    try {
      return stored.mightContain(key, reader, this);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read reply cache " + file + ": " + e.getMessage(), e);
    }
  }

  /** The best committed reply of the key for this limit: the complete one first. */
  synchronized Optional<CachedReply> best(String key, Integer maxTokens) {
    try {
      return best(select, key, maxTokens);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read reply cache " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The best reply of the key for this limit through {@code select} ({@link CacheSchema#SELECT}):
   * the complete one when it serves the limit, else one cut at exactly this limit.
   */
  static Optional<CachedReply> best(PreparedStatement select, String key, Integer maxTokens)
      throws SQLException {
    select.setString(1, key);
    CachedReply cut = null;
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        String logprobs = rs.getString(9);
        TeacherReply reply = new TeacherReply(rs.getString(2),
            TeacherReply.Finish.valueOf(rs.getString(3)), rs.getObject(4, Integer.class),
            rs.getObject(5, Integer.class), rs.getString(6),
            logprobs == null ? null : CompactLogprobs.decode(logprobs));
        CachedReply c = new CachedReply(
            reply, rs.getObject(7, Integer.class), Instant.parse(rs.getString(8)));
        if (!c.servesLimit(maxTokens)) {
          continue;
        }
        if (rs.getInt(1) == CacheSchema.COMPLETE) {
          return Optional.of(c);
        }
        cut = c;
      }
    }
    return Optional.ofNullable(cut);
  }

  /** How many rows are committed. */
  synchronized long size() {
    try (Statement st = reader.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM replies")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read reply cache " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws SQLException {
    synchronized (this) {
      select.close();
      reader.close();
    }
    upsert.close();
    db.close();
  }

  private static void setInt(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }
}
