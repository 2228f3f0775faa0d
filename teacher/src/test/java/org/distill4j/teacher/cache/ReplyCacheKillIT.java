package org.distill4j.teacher.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.distill4j.core.hash.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL right after {@link ReplyCache#store} returned, before any commit
 * could happen: the next open still finds every reply.
 */
class ReplyCacheKillIT {
  @TempDir Path dir;

  static CacheKey key(int i) {
    return new CacheKey(Sha256.hex("kill test request " + i));
  }

  @Test
  void everyStoredReplySurvivesAKillBeforeItsCommit() throws Exception {
    int n = 2_000;
    ReplyCache.open(dir).close();
    String line;
    try (Connection other = DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve(ReplyCache.FILE_NAME));
        Statement st = other.createStatement()) {
      // Holds the database's write lock: the child's writer cannot commit a single reply.
      st.execute("BEGIN IMMEDIATE");
      String cp = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
          StoringMain.class.getName(), dir.toString(), Integer.toString(n))
          .redirectErrorStream(true).start();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null && !line.startsWith("stored ")) {
          seen.append(line).append('\n');
        }
        assertThat(line).as("child output: %s", seen).isEqualTo("stored " + n);
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      }
      st.execute("ROLLBACK");
      try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM replies")) {
        rs.next();
        assertThat(rs.getLong(1)).as("rows the child committed").isZero();
      }
    }
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.replayedAtOpen()).isEqualTo(n);
      for (int i = 0; i < n; i++) {
        String prefix = "reply " + i + " ";
        assertThat(c.find(key(i), 100)).as("reply %d", i).get()
            .satisfies(r -> assertThat(r.text()).startsWith(prefix));
      }
      assertThat(c.size()).isEqualTo(n);
    }
  }
}
