package org.distill4j.teacher.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherId;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyCacheTest {
  private static final TeacherId TEACHER = new TeacherId("openai", "m");

  @TempDir Path dir;

  private static TeacherRequest req(int sample, Integer maxTokens, Long seed) {
    return new TeacherRequest(List.of(ChatTurn.user("hi")), new Sampling(3, 0.7, null, maxTokens, seed), sample, 0);
  }

  @Test
  void keyCoversSampleSeedModelAndMessagesButNotMaxTokensOrN() {
    String k = CacheKey.of(TEACHER, req(0, 100, 1L)).hex();
    assertThat(CacheKey.of(TEACHER, req(1, 100, 1L)).hex()).isNotEqualTo(k);
    assertThat(CacheKey.of(TEACHER, req(0, 100, 2L)).hex()).isNotEqualTo(k);
    assertThat(CacheKey.of(new TeacherId("openai", "m2"), req(0, 100, 1L)).hex()).isNotEqualTo(k);
    assertThat(CacheKey.of(TEACHER, req(0, 100, 1L).reask(1)).hex()).isNotEqualTo(k);
    assertThat(CacheKey.of(TEACHER, new TeacherRequest(List.of(ChatTurn.user("hi!")),
        new Sampling(3, 0.7, null, 100, 1L), 0, 0)).hex()).isNotEqualTo(k);
    assertThat(CacheKey.of(TEACHER, req(0, 400, 1L)).hex()).isEqualTo(k);
    assertThat(CacheKey.of(TEACHER, new TeacherRequest(List.of(ChatTurn.user("hi")),
        new Sampling(1, 0.7, null, 100, 1L), 0, 0)).hex()).isEqualTo(k);
  }

  @Test
  void repliesSurviveReopenAndFinishedOnesServeALargerLimit() {
    CacheKey done = new CacheKey("a".repeat(64));
    CacheKey cut = new CacheKey("b".repeat(64));
    try (ReplyCache c = ReplyCache.open(dir)) {
      c.put(done, 100, new TeacherReply("full", TeacherReply.Finish.STOP, 5, 40, "m"));
      c.put(cut, 100, new TeacherReply("cu", TeacherReply.Finish.LENGTH, 5, 100, "m"));
    }
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.find(done, 100)).map(TeacherReply::text).contains("full");
      assertThat(c.find(done, 400)).isPresent();
      assertThat(c.find(done, null)).isPresent();
      assertThat(c.find(done, 50)).isPresent(); // 40 tokens fit in 50
      assertThat(c.find(done, 30)).isEmpty();
      assertThat(c.find(cut, 100)).isPresent(); // same request, same answer
      assertThat(c.find(cut, 400)).isEmpty(); // cut at the old limit: ask again
      c.put(cut, 400, new TeacherReply("cut no more", TeacherReply.Finish.STOP, 5, 150, "m"));
      assertThat(c.find(cut, 400)).map(TeacherReply::text).contains("cut no more");
      // 150 tokens do not fit in 100: the reply cut at 100 still answers a request for 100.
      assertThat(c.find(cut, 100)).map(TeacherReply::text).contains("cu");
    }
  }

  @Test
  void everyStoredReplyIsFoundWhileManyThreadsStoreAndLookUpAtOnce() throws Exception {
    int threads = 24;
    int each = 40;
    try (ReplyCache c = ReplyCache.open(dir)) {
      c.put(key(-1), 100, new TeacherReply("before the filter", TeacherReply.Finish.STOP, 1, 1, "m"));
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
      java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * each;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = base; i < base + each; i++) {
            // A miss first, as the runner does, then the store; the reply is found at once.
            assertThat(c.find(key(i), 100)).isEmpty();
            c.put(key(i), 100, new TeacherReply("r" + i, TeacherReply.Finish.STOP, 1, 1, "m"));
            assertThat(c.find(key(i), 100)).map(TeacherReply::text).contains("r" + i);
          }
          return null;
        }));
      }
      start.countDown();
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      assertThat(c.find(key(-1), 100)).map(TeacherReply::text).contains("before the filter");
      ReplyCache.Activity a = c.activity();
      assertThat(a.rowsCommitted()).isEqualTo(threads * each + 1);
      // Stores arriving together share commits instead of taking one each.
      assertThat(a.commits()).isLessThan(a.rowsCommitted() / 2);
      // Lookups of keys never stored were answered by the filter; the stored ones read the table.
      assertThat(a.lookupsSkipped()).isGreaterThan(threads * each * 9L / 10).isLessThanOrEqualTo(threads * each);
    }
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.size()).isEqualTo(threads * each + 1);
      for (int i = -1; i < threads * each; i++) {
        assertThat(c.find(key(i), 100)).as("key %d after reopen", i).isPresent();
      }
      assertThat(c.find(key(threads * each), 100)).isEmpty();
    }
  }

  private static CacheKey key(int i) {
    return new CacheKey(org.distill4j.core.hash.Sha256.hex("request " + i));
  }

  @Test
  void storesReturnBeforeTheCommitAreSeenAtOnceAndAllCommittedWhenAwaited() {
    int n = 5_000; // more than the queue holds: some stores wait for the writer to catch up
    try (ReplyCache c = ReplyCache.open(dir)) {
      long last = 0;
      for (int i = 0; i < n; i++) {
        last = c.store(key(i), 100, new TeacherReply("r" + i, TeacherReply.Finish.STOP, 1, 1, "m"));
        assertThat(c.find(key(i), 100)).map(TeacherReply::text).contains("r" + i);
      }
      c.awaitCommitted(last);
      assertThat(c.size()).isEqualTo(n);
      assertThat(c.activity().commits()).isLessThan(n);
    }
  }

  @Test
  void aReplyCutUnderALoweredLimitNeverReplacesTheCompleteOne() {
    CacheKey k = key(7);
    TeacherReply full = new TeacherReply("a long complete answer", TeacherReply.Finish.STOP, 5, 180, "m");
    TeacherReply cut = new TeacherReply("a long", TeacherReply.Finish.LENGTH, 5, 50, "m");
    try (ReplyCache c = ReplyCache.open(dir)) {
      c.put(k, 200, full);
      assertThat(c.find(k, 50)).isEmpty(); // 180 tokens do not fit: the lowered run asks again
      c.store(k, 50, cut); // uncommitted yet: lookups see both
      assertThat(c.find(k, 200)).contains(full);
      assertThat(c.find(k, 50)).contains(cut);
    }
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.find(k, 200)).contains(full); // the limit restored: nothing to re-send
      assertThat(c.find(k, 180)).contains(full);
      assertThat(c.find(k, 50)).contains(cut); // the lowered limit again: nothing to re-send
      assertThat(c.find(k, 60)).isEmpty(); // a cut reply answers only its own limit
      assertThat(c.find(k, 400)).contains(full); // raising the limit keeps the good reply
      TeacherReply unsure = new TeacherReply("?", TeacherReply.Finish.UNKNOWN, 5, 10, "m");
      c.put(k, 400, unsure);
      assertThat(c.find(k, 400)).contains(full);
      assertThat(c.find(k, 200)).contains(full);
    }
  }

  @Test
  void aCacheFromTheOneRowPerKeyLayoutIsMovedOverWithItsReplies() throws Exception {
    CacheKey done = key(1);
    CacheKey cut = key(2);
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve(ReplyCache.FILE_NAME));
        java.sql.Statement st = db.createStatement()) {
      // The layout every earlier version wrote.
      st.execute("CREATE TABLE replies (key TEXT PRIMARY KEY, text TEXT, finish TEXT NOT NULL,"
          + " input_tokens INTEGER, output_tokens INTEGER, model TEXT, max_tokens INTEGER,"
          + " stored_at TEXT NOT NULL)");
      st.execute("INSERT INTO replies VALUES ('" + done.hex() + "', 'old full', 'STOP', 1, 20, 'm',"
          + " 100, '2026-01-01T00:00:00Z'), ('" + cut.hex() + "', 'old cut', 'LENGTH', 1, 100,"
          + " 'm', 100, '2026-01-01T00:00:00Z')");
    }
    for (int open = 0; open < 2; open++) {
      try (ReplyCache c = ReplyCache.open(dir)) {
        assertThat(c.size()).isEqualTo(open == 0 ? 2 : 3); // the new complete one beside the cut
        assertThat(c.find(done, 300)).map(TeacherReply::text).contains("old full");
        assertThat(c.find(cut, 100)).map(TeacherReply::text).contains("old cut");
        if (open == 0) {
          assertThat(c.find(cut, 300)).isEmpty();
        }
        c.put(cut, 300, new TeacherReply("new full", TeacherReply.Finish.STOP, 1, 150, "m"));
        assertThat(c.find(cut, 300)).map(TeacherReply::text).contains("new full");
      }
    }
  }

  private static final org.distill4j.core.logprob.TokenLogprobs LOGPROBS =
      org.distill4j.core.logprob.TokenLogprobs.builder(2)
          .position(org.distill4j.core.logprob.TeacherToken.of("hi"), -0.25)
          .alternative(org.distill4j.core.logprob.TeacherToken.of("hi"), -0.25)
          .alternative(org.distill4j.core.logprob.TeacherToken.of("yo"), -1.5).build();

  @Test
  void aCacheOfTheLayoutWithoutLogprobsGainsTheColumnAndKeepsItsReplies() throws Exception {
    CacheKey old = key(3);
    try (ReplyCache c = ReplyCache.open(dir)) {
      c.put(old, 100, new TeacherReply("old", TeacherReply.Finish.STOP, 1, 2, "m"));
    }
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve(ReplyCache.FILE_NAME));
        java.sql.Statement st = db.createStatement()) {
      // Back to layout 2 as an earlier version left it.
      st.execute("ALTER TABLE replies DROP COLUMN logprobs");
      st.execute("PRAGMA user_version = 2");
    }
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.find(old, 100)).map(TeacherReply::text).contains("old");
      c.put(key(4), 100, new TeacherReply("new", TeacherReply.Finish.STOP, 1, 1, "m", LOGPROBS));
    }
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.find(key(4), 100).orElseThrow().logprobs()).isEqualTo(LOGPROBS);
      assertThat(c.find(old, 100).orElseThrow().logprobs()).isNull();
    }
  }

  @Test
  void aTableOfAnUnknownLayoutIsRefusedWithWhatToDo() throws Exception {
    try (java.sql.Connection db = java.sql.DriverManager.getConnection(
            "jdbc:sqlite:" + dir.resolve(ReplyCache.FILE_NAME));
        java.sql.Statement st = db.createStatement()) {
      st.execute("CREATE TABLE replies (key TEXT PRIMARY KEY, body BLOB)");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReplyCache.open(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(dir.resolve(ReplyCache.FILE_NAME).toString())
        .hasMessageContaining("[key, body]")
        .hasMessageContaining("move the file aside");
  }

  @Test
  void aLogLineReadsBackAsTheRowItWasWrittenFromToTheNanosecond() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    java.time.Instant at = java.time.Instant.parse("2026-12-03T15:04:05.123456789Z");
    for (TeacherReply reply : List.of(
        new TeacherReply("quote \" newline \n tab \t é 😀", TeacherReply.Finish.STOP, 3, 4, "m"),
        new TeacherReply(null, TeacherReply.Finish.LENGTH, null, null, null),
        new TeacherReply("hi", TeacherReply.Finish.STOP, 3, 1, "m", LOGPROBS))) {
      for (Integer max : java.util.Arrays.asList(100, null)) {
        ReplyTable.Row row =
            new ReplyTable.Row(key(7).hex(), -1, new CachedReply(reply, max, at));
        byte[] line = ReplyLog.encode(row);
        assertThat(line[line.length - 1]).isEqualTo((byte) '\n');
        assertThat(new String(line, java.nio.charset.StandardCharsets.UTF_8).trim()).doesNotContain("\n");
        assertThat(json.readValue(line, ReplyLog.Entry.class).row()).isEqualTo(row);
      }
    }
  }

  @Test
  void aKilledProcessesLogIsReplayedAndItsTornLastLineDropped() throws Exception {
    // What a process killed mid-append leaves: whole lines, then part of one.
    TeacherReply r1 = new TeacherReply("one", TeacherReply.Finish.STOP, 1, 2, "m");
    String line1 = "{\"key\":\"" + key(1).hex() + "\",\"slot\":-1,\"maxTokens\":100,\"text\":\"one\","
        + "\"finish\":\"STOP\",\"inputTokens\":1,\"outputTokens\":2,\"model\":\"m\","
        + "\"storedAt\":\"2026-01-01T00:00:00Z\"}\n";
    String line2 = "{\"key\":\"" + key(2).hex() + "\",\"slot\":100,\"maxTokens\":100,\"text\":\"cu\","
        + "\"finish\":\"LENGTH\",\"inputTokens\":1,\"outputTokens\":100,\"model\":null,"
        + "\"storedAt\":\"2026-01-01T00:00:00Z\"}\n";
    String torn = "{\"key\":\"" + key(3).hex() + "\",\"slot\":-1,\"maxTok";
    java.nio.file.Path seg = dir.resolve("replies-999999-0badcafe-1.log");
    java.nio.file.Files.writeString(seg, line1 + line2 + torn);
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.replayedAtOpen()).isEqualTo(2);
      assertThat(c.size()).isEqualTo(2);
      assertThat(c.find(key(1), 100)).contains(r1);
      assertThat(c.find(key(2), 100)).map(TeacherReply::text).contains("cu");
      assertThat(c.find(key(3), 100)).isEmpty();
      assertThat(seg).doesNotExist();
      c.store(key(4), 100, r1);
    }
    // A cleanly closed cache leaves no log behind.
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")))
          .isEmpty();
    }
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.replayedAtOpen()).isZero();
      assertThat(c.find(key(4), 100)).contains(r1);
    }
  }

  @Test
  void fullLogSegmentsAreDeletedOnceCommittedAndACleanCloseLeavesNoLog() throws Exception {
    int n = 300;
    try (ReplyCache c = ReplyCache.open(dir, 2_000)) { // a few replies per segment
      long last = 0;
      for (int i = 0; i < n; i++) {
        last = c.store(key(i), 100, new TeacherReply("reply " + i, TeacherReply.Finish.STOP, 1, 2, "m"));
      }
      c.awaitCommitted(last);
      assertThat(logs()).as("only the segment being written is left").hasSize(1);
    }
    assertThat(logs()).isEmpty();
    try (ReplyCache c = ReplyCache.open(dir)) {
      assertThat(c.replayedAtOpen()).isZero();
      for (int i = 0; i < n; i++) {
        assertThat(c.find(key(i), 100)).as("reply %d", i).isPresent();
      }
    }
  }

  private List<String> logs() throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log")).toList();
    }
  }
}
