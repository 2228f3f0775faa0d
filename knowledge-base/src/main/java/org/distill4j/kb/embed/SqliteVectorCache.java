package org.distill4j.kb.embed;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors stored by text hash in a SQLite file, so that a text is embedded once per knowledge
 * base however often it is ingested, and so that a rebuilt text index needs no embedding at all.
 * Thread-safe (one connection, synchronised).
 */
public final class SqliteVectorCache implements AutoCloseable {
  private static final int CHUNK = 500;

  private final Connection connection;

  private SqliteVectorCache(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating when missing) the cache file. */
  public static SqliteVectorCache open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        // WAL survives a kill -9 mid-write: the half-written transaction is simply not there.
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vector BLOB NOT NULL)");
      }
      return new SqliteVectorCache(c);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the vector cache " + file + ": " + e.getMessage(), e);
    }
  }

  /** The cached vectors of those {@code hashes} that are present. */
  public synchronized Map<String, float[]> getAll(Collection<String> hashes) {
    Map<String, float[]> out = new HashMap<>();
    List<String> all = List.copyOf(hashes);
    try {
      for (int from = 0; from < all.size(); from += CHUNK) {
        List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
        String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
        try (PreparedStatement ps = connection.prepareStatement(
            "SELECT hash, vector FROM vectors WHERE hash IN (" + marks + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), decode(rs.getBytes(2)));
            }
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the vector cache: " + e.getMessage(), e);
    }
  }

  /** Stores vectors by hash, in one transaction. */
  public synchronized void putAll(Map<String, float[]> vectors) {
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement ps = connection.prepareStatement(
          "INSERT OR REPLACE INTO vectors (hash, vector) VALUES (?, ?)")) {
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setBytes(2, encode(e.getValue()));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      connection.commit();
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write the vector cache: " + e.getMessage(), e);
    }
  }

  /** The number of cached vectors. */
  public synchronized long size() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM vectors")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the vector cache: " + e.getMessage(), e);
    }
  }

  private static byte[] encode(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return b.array();
  }

  private static float[] decode(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the vector cache: " + e.getMessage(), e);
    }
  }
}
