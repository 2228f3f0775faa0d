package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL halfway, then resumed: the result equals an uninterrupted run, with
 * no duplicate and no missing line, and the resume sends no request whose reply was stored.
 */
class KillAndResumeIT {
  @TempDir Path dir;

  @Test
  void killNineThenResumeLosesNothingAndRepeatsNothing() throws Exception {
    try (FakeTeacherServer server = new FakeTeacherServer(r -> {
      FakeTeacherServer.Reply reply = RunFixtures.script(r);
      return reply instanceof FakeTeacherServer.Reply.Ok ok
          ? new FakeTeacherServer.Reply.Ok(ok.content(), ok.finishReason(), ok.usage(), 25) : reply;
    })) {
      Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
      Path seeds = dir.resolve("seeds.jsonl");
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        events.add("{\"event\": \"PersonX does chore number " + i + (i % 10 == 3 ? " and fails" : "") + "\"}");
      }
      Files.write(seeds, events);
      Path killed = dir.resolve("killed");
      // 40 seeds x 2 relations x 2 samples = 160 requests in 80 groups.
      String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Process child = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
          KillableRunMain.class.getName(), recipe.toString(), seeds.toString(), server.baseUrl(),
          killed.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
      Path completed = killed.resolve(RunFolder.COMPLETED);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (lines(completed) < 40 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(5);
      }
      assertThat(child.isAlive()).as("child still running at the kill; log: %s",
          Files.exists(dir.resolve("child.log")) ? Files.readString(dir.resolve("child.log")) : "").isTrue();
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      long groupsDone = lines(completed);
      assertThat(groupsDone).isBetween(40L, 79L);

      Set<String> storedBefore = storedKeys(killed.resolve("cache"));
      // Lines reach the files only after their replies are in the cache (committed, or in its
      // log): whatever the kill left on disk came from replies the cache holds.
      Set<String> writtenBefore = new HashSet<>();
      for (String line : keys(killed.resolve(RunFolder.GENERATED), true)) {
        writtenBefore.add(line.substring(0, line.indexOf('|')));
      }
      assertThat(writtenBefore).isNotEmpty();
      assertThat(storedBefore).containsAll(writtenBefore);
      Set<String> askedOnResume = ConcurrentHashMap.newKeySet();
      GenerationSettings s = RunFixtures.settings(recipe, seeds, server.baseUrl(), killed, 4);
      Teacher real = new ChatModelFactory(env -> null).teacher(s.teacher());
      Teacher recording = req -> {
        askedOnResume.add(CacheKey.of(s.teacher().id(), req).hex());
        return real.ask(req);
      };
      RunManifest resumed = new GenerationRun(s, recording, null).run();

      assertThat(resumed.status()).isEqualTo("complete");
      assertThat(askedOnResume).isNotEmpty().doesNotContainAnyElementsOf(storedBefore);
      assertThat(resumed.counts().resumedRequests()).isEqualTo(groupsDone * 2);

      Path clean = dir.resolve("clean");
      RunManifest reference = new GenerationRun(
          RunFixtures.settings(recipe, seeds, server.baseUrl(), clean, 4), real, null).run();
      assertThat(resumed.counts()).usingRecursiveComparison()
          .ignoringFields("resumedRequests").isEqualTo(reference.counts());

      List<String> got = keys(killed.resolve(RunFolder.GENERATED), true);
      List<String> want = keys(clean.resolve(RunFolder.GENERATED), true);
      assertThat(new HashSet<>(got)).hasSize(got.size()).isEqualTo(new HashSet<>(want));
      List<String> gotFail = keys(killed.resolve(RunFolder.FAILURES), false);
      List<String> wantFail = keys(clean.resolve(RunFolder.FAILURES), false);
      assertThat(new HashSet<>(gotFail)).hasSize(gotFail.size()).isEqualTo(new HashSet<>(wantFail));
    }
  }

  private static long lines(Path f) throws IOException {
    if (!Files.exists(f)) {
      return 0;
    }
    byte[] b = Files.readAllBytes(f);
    long n = 0;
    for (byte x : b) {
      if (x == '\n') {
        n++;
      }
    }
    return n;
  }

  /** Keys committed to the database, and keys in whole lines of the log a killed run left. */
  private static Set<String> storedKeys(Path cacheDir) throws Exception {
    Set<String> keys = new HashSet<>();
    try (java.util.stream.Stream<Path> files = Files.list(cacheDir)) {
      for (Path log : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
        String text = Files.readString(log);
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
          if (!line.isEmpty()) {
            keys.add(CorpusJson.json().readTree(line).path("key").asText());
          }
        }
      }
    }
    Path db = cacheDir.resolve(ReplyCache.FILE_NAME);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT key FROM replies")) {
      while (rs.next()) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  private static List<String> keys(Path file, boolean records) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = CorpusJson.json().readTree(line);
      out.add(records ? n.path("provenance").path("requestHash").asText() + "|" + n.path("id").asText()
          : n.path("key").asText());
    }
    return out;
  }
}
