package org.distill4j.teacher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.teacher.batch.BatchRunner;
import org.distill4j.teacher.batch.FailureKind;
import org.distill4j.teacher.batch.Outcome;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.distill4j.teacher.testing.FakeTeacherServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI-compatible teacher and the runner against a real HTTP server on 127.0.0.1. */
class OpenAiTeacherIT {
  private static final RetryPolicy FAST_RETRY =
      new RetryPolicy(4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5));

  @TempDir Path dir;
  private FakeTeacherServer server;
  private ReplyCache cache;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (cache != null) {
      cache.close();
    }
  }

  private TeacherConfig config(double timeoutSeconds) {
    return new TeacherConfig("openai", "test-model", server.baseUrl(), null, timeoutSeconds);
  }

  private BatchRunner runner(int concurrency, double rpm, double timeoutSeconds) {
    TeacherConfig config = config(timeoutSeconds);
    Teacher teacher = new ChatModelFactory(env -> null).teacher(config);
    cache = ReplyCache.open(dir.resolve("cache"));
    return new BatchRunner(teacher, config.id(), cache,
        new RunnerSettings(concurrency, rpm, 0, FAST_RETRY));
  }

  private static TeacherRequest request(String text) {
    return TeacherRequest.of(List.of(ChatTurn.system("be brief"), ChatTurn.user(text)),
        new Sampling(null, 0.5, null, 100, 7L));
  }

  @Test
  void normalReplyCarriesTextUsageAndFinish() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("1. to help"));
    Teacher teacher = new ChatModelFactory(env -> null).teacher(config(5));
    TeacherReply reply = teacher.ask(request("hello"));
    assertThat(reply.text()).isEqualTo("1. to help");
    assertThat(reply.finish()).isEqualTo(TeacherReply.Finish.STOP);
    assertThat(reply.inputTokens()).isEqualTo(11);
    assertThat(reply.outputTokens()).isEqualTo(7);
    assertThat(server.received().get(0).body().path("seed").asInt()).isEqualTo(7);
    assertThat(server.received().get(0).body().path("max_tokens").isMissingNode()
        && server.received().get(0).body().path("max_completion_tokens").isMissingNode()).isFalse();
  }

  @Test
  void aReplySchemaIsSentAsAJsonSchemaResponseFormatAndTheObjectReplyParses() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok(
        "{\"items\": [{\"question\": \"Who?\", \"answer\": \"Ada\"}]}"));
    Teacher teacher = new ChatModelFactory(env -> null).teacher(config(5));
    ReplySchema schema = new ReplySchema("qa from passage", java.util.Map.of("question", "string",
        "answer", "string", "tags", "strings"));
    TeacherRequest plain = request("hello");
    TeacherReply reply = teacher.ask(new TeacherRequest(plain.messages(), plain.sampling(), 0, 0, schema));
    com.fasterxml.jackson.databind.JsonNode format = server.received().get(0).body().path("response_format");
    assertThat(format.path("type").asText()).isEqualTo("json_schema");
    assertThat(format.path("json_schema").path("name").asText()).isEqualTo("qa_from_passage");
    com.fasterxml.jackson.databind.JsonNode item = format.path("json_schema").path("schema")
        .path("properties").path("items").path("items");
    assertThat(item.path("properties").path("question").path("type").asText()).isEqualTo("string");
    assertThat(item.path("properties").path("tags").path("items").path("type").asText()).isEqualTo("string");
    assertThat(item.path("required")).extracting(com.fasterxml.jackson.databind.JsonNode::asText)
        .containsExactly("answer", "question", "tags");
    // A request without a schema sends no response_format at all.
    teacher.ask(plain);
    assertThat(server.received().get(1).body().has("response_format")).isFalse();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.text())
        .path("items").get(0).path("answer").asText()).isEqualTo("Ada");
  }

  @Test
  void samplesAreDistinctRequestsWithShiftedSeedsAndCachedSeparately() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("answer " + n.incrementAndGet()));
    try (BatchRunner runner = runner(4, 0, 5)) {
      TeacherRequest base = request("q");
      List<TeacherRequest> samples = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        samples.add(new TeacherRequest(base.messages(), base.sampling(), i, 0));
      }
      List<Outcome> out = runner.runAll(samples);
      assertThat(out).allMatch(o -> o instanceof Outcome.Answered);
      assertThat(out.stream().map(o -> ((Outcome.Answered) o).reply().text()).distinct()).hasSize(3);
      assertThat(server.received().stream().map(r -> r.body().path("seed").asInt()))
          .containsExactlyInAnyOrder(7, 8, 9);
      assertThat(cache.size()).isEqualTo(3);
      // Asked again: all three from the cache, nothing sent.
      List<Outcome> again = runner.runAll(samples);
      assertThat(again).allMatch(o -> o instanceof Outcome.Answered a && a.fromCache());
      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void rateLimitWithRetryAfterIsWaitedOut() throws Exception {
    server = new FakeTeacherServer(r -> r.index() == 0
        ? new Reply.Error(429, Map.of("Retry-After", "1"), null)
        : FakeTeacherServer.ok("fine"));
    try (BatchRunner runner = runner(1, 0, 5)) {
      long t0 = System.nanoTime();
      Outcome o = runner.submit(request("q")).join();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(o).isInstanceOf(Outcome.Answered.class);
      assertThat(((Outcome.Answered) o).attempts()).isEqualTo(2);
      // Backoff alone would wait at most 100 ms; the server asked for 1 s.
      assertThat(ms).isGreaterThanOrEqualTo(950);
      assertThat(runner.stats().snapshot().retries()).isEqualTo(1);
      assertThat(runner.stats().snapshot().errorsByKind()).containsEntry(FailureKind.RATE_LIMITED, 1L);
    }
  }

  @Test
  void serverErrorsAreRetriedThenSucceed() throws Exception {
    server = new FakeTeacherServer(r -> switch (r.index()) {
      case 0 -> new Reply.Error(500, Map.of(), null);
      case 1 -> new Reply.Error(503, Map.of(), null);
      default -> FakeTeacherServer.ok("fine");
    });
    try (BatchRunner runner = runner(1, 0, 5)) {
      Outcome o = runner.submit(request("q")).join();
      assertThat(o).isInstanceOf(Outcome.Answered.class);
      assertThat(((Outcome.Answered) o).attempts()).isEqualTo(3);
      assertThat(server.received()).hasSize(3);
    }
  }

  @Test
  void serverErrorsExhaustRetriesAndFail() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Error(502, Map.of(), null));
    try (BatchRunner runner = runner(1, 0, 5)) {
      Outcome o = runner.submit(request("q")).join();
      assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.SERVER_ERROR);
        assertThat(f.attempts()).isEqualTo(4);
      });
      assertThat(server.received()).hasSize(4);
      assertThat(cache.size()).isZero();
    }
  }

  @Test
  void clientErrorsAreNotRetried() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Error(400, Map.of(), null));
    try (BatchRunner runner = runner(1, 0, 5)) {
      Outcome o = runner.submit(request("q")).join();
      assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.CLIENT_ERROR);
        assertThat(f.attempts()).isEqualTo(1);
      });
      assertThat(server.received()).hasSize(1);
    }
  }

  @Test
  void aHangingServerFailsAtTheDeadline() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Hang());
    try (BatchRunner runner = runner(1, 0, 0.4)) {
      long t0 = System.nanoTime();
      Outcome o = runner.submit(request("q")).join();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(f.attempts()).isEqualTo(4);
      });
      assertThat(ms).isBetween(1_500L, 6_000L);
    }
  }

  @Test
  void aResetConnectionIsRetried() throws Exception {
    server = new FakeTeacherServer(r -> r.index() == 0 ? new Reply.Reset() : FakeTeacherServer.ok("ok"));
    try (BatchRunner runner = runner(1, 0, 5)) {
      Outcome o = runner.submit(request("q")).join();
      assertThat(o).isInstanceOfSatisfying(Outcome.Answered.class,
          a -> assertThat(a.attempts()).isEqualTo(2));
      assertThat(runner.stats().snapshot().errorsByKind()).containsKey(FailureKind.CONNECTION);
    }
  }

  @Test
  void aMalformedBodyFailsWithoutRetry() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Raw("{\"choices\": [ {\"mess"));
    try (BatchRunner runner = runner(1, 0, 5)) {
      Outcome o = runner.submit(request("q")).join();
      assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.OTHER);
        assertThat(f.attempts()).isEqualTo(1);
      });
    }
  }

  @Test
  void missingUsageAndNullContentAreTolerated() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Ok(null, "stop", false, 0));
    try (BatchRunner runner = runner(1, 0, 5)) {
      Outcome o = runner.submit(request("q")).join();
      assertThat(o).isInstanceOfSatisfying(Outcome.Answered.class, a -> {
        assertThat(a.reply().text()).isNull();
        assertThat(a.reply().inputTokens()).isNull();
      });
      assertThat(runner.stats().snapshot().unknownUsage()).isEqualTo(1);
    }
  }

  @Test
  void lengthFinishIsReported() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Ok("[{\"a\": 1}, {\"b\"", "length", true, 0));
    Teacher teacher = new ChatModelFactory(env -> null).teacher(config(5));
    assertThat(teacher.ask(request("q")).truncated()).isTrue();
  }

  @Test
  void concurrencyLimitHolds() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Ok("ok " + r.index(), "stop", true, 150));
    try (BatchRunner runner = runner(3, 0, 5)) {
      List<TeacherRequest> reqs = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        reqs.add(request("q" + i));
      }
      assertThat(runner.runAll(reqs)).allMatch(o -> o instanceof Outcome.Answered);
      assertThat(server.maxInFlight()).isBetween(2, 3);
      assertThat(runner.stats().snapshot().maxInFlight()).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void requestsPerMinuteBudgetHolds() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("ok"));
    // 1200/min = 20/s with a one-second burst: 40 requests need at least ~1 s.
    try (BatchRunner runner = runner(8, 1200, 5)) {
      List<TeacherRequest> reqs = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        reqs.add(request("q" + i));
      }
      long t0 = System.nanoTime();
      runner.runAll(reqs);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertThat(ms).isGreaterThanOrEqualTo(900);
    }
  }

  @Test
  void aKeyFromTheEnvironmentIsSentButNeverInErrors() throws Exception {
    server = new FakeTeacherServer(r -> new Reply.Error(401, Map.of(), "{\"error\":{\"message\":\"bad key\"}}"));
    TeacherConfig config = new TeacherConfig("openai", "m", server.baseUrl(), "MY_KEY", 5.0);
    Teacher teacher = new ChatModelFactory(env -> "MY_KEY".equals(env) ? "sk-secret-123" : null).teacher(config);
    cache = ReplyCache.open(dir.resolve("cache"));
    try (BatchRunner runner = new BatchRunner(teacher, config.id(), cache, new RunnerSettings(1, 0, 0, FAST_RETRY))) {
      Outcome o = runner.submit(request("q")).join();
      assertThat(o).isInstanceOfSatisfying(Outcome.Failed.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.AUTH);
        assertThat(f.reason()).doesNotContain("sk-secret-123");
      });
    }
  }

  @Test
  void openBuildsARunnerWithItsOwnCacheForOtherStages() throws Exception {
    server = new FakeTeacherServer(r -> FakeTeacherServer.ok("score: 4"));
    List<TeacherRequest> rubric = List.of(request("rate item 1"), request("rate item 2"));
    try (BatchRunner judge = BatchRunner.open(config(5), dir.resolve("judge"), RunnerSettings.of(2))) {
      assertThat(judge.runAll(rubric)).allMatch(o -> o instanceof Outcome.Answered a && !a.fromCache());
    }
    try (BatchRunner judge = BatchRunner.open(config(5), dir.resolve("judge"), RunnerSettings.of(2))) {
      assertThat(judge.runAll(rubric)).allMatch(o -> o instanceof Outcome.Answered a && a.fromCache());
    }
    assertThat(server.received()).hasSize(2);
  }
}
