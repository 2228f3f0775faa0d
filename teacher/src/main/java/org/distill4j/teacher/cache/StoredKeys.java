package org.distill4j.teacher.cache;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A Bloom filter of every key in the table: built from the table on the first lookup, then kept
 * up to date by every commit. It answers most lookups of keys never stored without touching the
 * database; a "maybe" still reads the table, so it can only save work, never hide a reply.
 */
final class StoredKeys {
  /** Keys the filter is sized for at least; a larger cache sizes it for twice its rows. */
  private static final int MIN_FILTER_KEYS = 1 << 20;

  /** Held while a batch is written and while the filter is built, so neither misses the other. */
  private final ReentrantLock commitLock = new ReentrantLock();
  private volatile BloomFilter<Long> filter;

  /** The lock a commit holds around writing its rows. */
  ReentrantLock commitLock() {
    return commitLock;
  }

  /**
   * Adds keys about to be committed; call with {@link #commitLock} held, before the commit, so a
   * lookup racing the commit reads the table rather than skipping it.
   */
  void adding(Collection<String> keys) {
    BloomFilter<Long> f = filter;
    if (f != null) {
      for (String k : keys) {
        f.put(filterKey(k));
      }
    }
  }

  /**
   * False when {@code key} was certainly never stored. The first call reads every key of the
   * table through {@code reader}, guarded by {@code readerLock}.
   */
  boolean mightContain(String key, Connection reader, Object readerLock) throws SQLException {
    BloomFilter<Long> f = filter;
    if (f == null) {
      f = build(reader, readerLock);
    }
    return f.mightContain(filterKey(key));
  }

  private BloomFilter<Long> build(Connection reader, Object readerLock) throws SQLException {
    // No batch commits meanwhile, and every later one adds its keys: no stored key is missed.
    commitLock.lock();
    try {
      if (filter != null) {
        return filter;
      }
      synchronized (readerLock) {
        try (Statement st = reader.createStatement()) {
          long rows;
          try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM replies")) {
            rs.next();
            rows = rs.getLong(1);
          }
          BloomFilter<Long> f =
              BloomFilter.create(Funnels.longFunnel(), Math.max(MIN_FILTER_KEYS, 2 * rows), 0.01);
          try (ResultSet rs = st.executeQuery("SELECT key FROM replies")) {
            while (rs.next()) {
              f.put(filterKey(rs.getString(1)));
            }
          }
          filter = f;
          return f;
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
}
