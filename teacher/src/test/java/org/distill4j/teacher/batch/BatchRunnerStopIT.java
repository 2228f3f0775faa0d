package org.distill4j.teacher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.corpus.Sampling;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.cache.CacheKey;
import org.distill4j.teacher.cache.ReplyCache;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spend watch that says stop: the runner sends nothing more, ends queued requests as STOPPED,
 * and still answers what the cache holds.
 */
class BatchRunnerStopIT {
  @TempDir Path dir;

  private static TeacherRequest request(int i) {
    return TeacherRequest.of(List.of(ChatTurn.user("question " + i)),
        new Sampling(null, 0.5, null, 50, 1L));
  }

  @Test
  void afterTheWatchSaysStopQueuedRequestsAreNotSentButCachedOnesAreAnswered() throws Exception {
    try (FakeTeacherServer server = new FakeTeacherServer(r -> FakeTeacherServer.ok("answer"))) {
      TeacherConfig config = new TeacherConfig("openai", "m", server.baseUrl(), null, 5.0);
      List<TeacherRequest> requests = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        requests.add(request(i));
      }
      try (ReplyCache cache = ReplyCache.open(dir)) {
        cache.put(CacheKey.of(config.id(), requests.get(5)), 50,
            new TeacherReply("cached", TeacherReply.Finish.STOP, 1, 1, "m"));
        AtomicInteger seen = new AtomicInteger();
        List<Outcome> outcomes;
        try (BatchRunner runner = new BatchRunner(new ChatModelFactory(env -> null)
            .teacher(config), config.id(), cache, RunnerSettings.of(1))) {
          runner.watchSpend((req, reply) -> seen.incrementAndGet() == 2 ? "budget spent" : null);
          outcomes = runner.runAll(requests);
          assertThat(runner.stopReason()).isEqualTo("budget spent");
        }
        // One worker: requests 0 and 1 were sent, the second one stopped the runner.
        assertThat(server.received()).hasSize(2);
        assertThat(outcomes.subList(0, 2)).allMatch(o -> o instanceof Outcome.Answered);
        assertThat(outcomes.subList(2, 5)).allSatisfy(o -> {
          assertThat(o).isInstanceOf(Outcome.Failed.class);
          assertThat(((Outcome.Failed) o).kind()).isEqualTo(FailureKind.STOPPED);
          assertThat(((Outcome.Failed) o).reason()).isEqualTo("not sent: budget spent");
          assertThat(((Outcome.Failed) o).attempts()).isZero();
        });
        assertThat(outcomes.get(5)).isInstanceOfSatisfying(Outcome.Answered.class,
            a -> assertThat(a.fromCache()).isTrue());
      }
    }
  }
}
