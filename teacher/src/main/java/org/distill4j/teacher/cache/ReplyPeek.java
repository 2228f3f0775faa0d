package org.distill4j.teacher.cache;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.distill4j.teacher.TeacherReply;
import org.sqlite.SQLiteConfig;

/**
 * Read-only lookups in a reply cache, for projections made before a run (a dry run, the cost
 * projection at a run's start): nothing is created, replayed or written, and a run holding the
 * cache meanwhile is not disturbed. It sees committed replies only; replies a killed process
 * logged but never committed are committed by the next run that opens the {@link ReplyCache},
 * so a projection may count a few of them as still to be sent.
 *
 * <p>A folder without a cache, or a cache of another layout version (a run upgrades it), reads
 * as empty. Not thread-safe.
 */
public final class ReplyPeek implements AutoCloseable {
  private final Connection db;
  private final PreparedStatement select;
  private final Path file;

  private ReplyPeek(Connection db, PreparedStatement select, Path file) {
    this.db = db;
    this.select = select;
    this.file = file;
  }

  /** Opens the cache in {@code folder} for reading; an empty peek when there is none. */
  public static ReplyPeek open(Path folder) {
    Path file = folder.resolve(ReplyCache.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      return new ReplyPeek(null, null, file);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    Connection db = null;
    try {
      db = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      if (version(db) != CacheSchema.VERSION) {
        db.close();
        return new ReplyPeek(null, null, file);
      }
      return new ReplyPeek(db, db.prepareStatement(CacheSchema.SELECT), file);
    } catch (SQLException e) {
      closeQuietly(db);
      throw new IllegalStateException("cannot read reply cache " + file + ": " + e.getMessage(),
          e);
    }
  }

  /** The committed reply that would answer this request's key and limit, if any. */
  public Optional<TeacherReply> find(CacheKey key, Integer maxTokens) {
    if (select == null) {
      return Optional.empty();
    }
    try {
      return ReplyTable.best(select, key.hex(), maxTokens).map(CachedReply::reply);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read reply cache " + file + ": " + e.getMessage(),
          e);
    }
  }

  private static int version(Connection db) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static void closeQuietly(Connection db) {
    if (db != null) {
      try {
        db.close();
      } catch (SQLException ignored) {
        // The open failed; that error is the one to report.
      }
    }
  }

  @Override
  public void close() {
    if (db != null) {
      try {
        select.close();
        db.close();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot close reply cache " + file + ": "
            + e.getMessage(), e);
      }
    }
  }
}
