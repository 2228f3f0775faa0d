package org.distill4j.teacher.cache;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The layout of {@code replies.sqlite}, and the one-time move of a cache written by an earlier
 * version into it.
 *
 * <p>Version 2 keeps up to one complete reply per key (slot {@value #COMPLETE}) beside the cut
 * replies (slot = the limit they were cut at, {@value #UNLIMITED} for none), so a reply cut under
 * a lowered {@code max_tokens} never overwrites the complete one a restored limit still wants.
 * Version 1 (user_version 0) held one row per key; its rows move over unchanged, since the key
 * itself was computed the same way. Version 3 adds the {@code logprobs} column (a {@code
 * CompactLogprobs} string, null for replies asked without them); a version-2 table gains it in
 * place.
 */
final class CacheSchema {
  static final int VERSION = 3;
  /** The slot of a reply that ended by itself. */
  static final int COMPLETE = -1;
  /** The slot of a cut reply asked without a limit. */
  static final int UNLIMITED = -2;

  static final String SELECT =
      "SELECT slot, text, finish, input_tokens, output_tokens, model, max_tokens, stored_at,"
          + " logprobs FROM replies WHERE key = ?";
  static final String UPSERT =
      "INSERT OR REPLACE INTO replies"
          + " (key, slot, text, finish, input_tokens, output_tokens, model, max_tokens, stored_at,"
          + " logprobs) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String COLUMNS = " text TEXT, finish TEXT NOT NULL, input_tokens INTEGER,"
      + " output_tokens INTEGER, model TEXT, max_tokens INTEGER, stored_at TEXT NOT NULL,"
      + " logprobs TEXT, PRIMARY KEY (key, slot))";
  private static final Set<String> V1_COLUMNS = Set.of("key", "text", "finish", "input_tokens",
      "output_tokens", "model", "max_tokens", "stored_at");
  private static final Set<String> V2_COLUMNS = Set.of("key", "slot", "text", "finish",
      "input_tokens", "output_tokens", "model", "max_tokens", "stored_at");

  private CacheSchema() {}

  /**
   * Creates the table in an empty database, moves a version-1 table over, or refuses a layout it
   * does not know with a message that says what to do. Leaves {@code db} in auto-commit.
   */
  static void prepare(Connection db, Path file) throws SQLException {
    db.setAutoCommit(true);
    try (Statement st = db.createStatement()) {
      int version = userVersion(st);
      if (version == VERSION) {
        return;
      }
      // Two processes opening an old cache at once: the second finds it moved already.
      st.execute("BEGIN IMMEDIATE");
      try {
        version = userVersion(st);
        if (version != VERSION) {
          upgrade(st, version, file);
        }
        st.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    }
  }

  private static void upgrade(Statement st, int version, Path file) throws SQLException {
    if (version > VERSION) {
      throw new IllegalStateException("reply cache " + file + " was written by a newer distill4j"
          + " (layout " + version + ", this one knows " + VERSION + "): run that version, or give"
          + " this run another cache folder");
    }
    Set<String> columns = columns(st);
    if (columns.isEmpty()) {
      st.execute("CREATE TABLE replies (key TEXT NOT NULL, slot INTEGER NOT NULL," + COLUMNS);
    } else if (columns.equals(V1_COLUMNS)) {
      st.execute("CREATE TABLE replies_v2 (key TEXT NOT NULL, slot INTEGER NOT NULL," + COLUMNS);
      st.execute("INSERT INTO replies_v2 SELECT key, CASE WHEN finish IN ('LENGTH', 'UNKNOWN')"
          + " THEN COALESCE(max_tokens, " + UNLIMITED + ") ELSE " + COMPLETE + " END,"
          + " text, finish, input_tokens, output_tokens, model, max_tokens, stored_at, NULL"
          + " FROM replies");
      st.execute("DROP TABLE replies");
      st.execute("ALTER TABLE replies_v2 RENAME TO replies");
    } else if (columns.equals(V2_COLUMNS)) {
      st.execute("ALTER TABLE replies ADD COLUMN logprobs TEXT");
    } else {
      throw new IllegalStateException("reply cache " + file + " has a table 'replies' this"
          + " version does not know (columns " + columns + "): move the file aside to start an"
          + " empty cache (its replies would be asked again), or give the run another cache folder");
    }
    st.execute("PRAGMA user_version = " + VERSION);
  }

  private static int userVersion(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static Set<String> columns(Statement st) throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (ResultSet rs = st.executeQuery("PRAGMA table_info(replies)")) {
      while (rs.next()) {
        names.add(rs.getString("name"));
      }
    }
    return names;
  }
}
