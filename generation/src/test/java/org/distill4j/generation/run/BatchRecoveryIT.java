package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.testing.BatchTeacherServer;
import org.distill4j.teacher.testing.BatchTeacherServer.Dialect;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a batch leaves unanswered goes through the synchronous pass, and a run stopped while it
 * waits for its jobs is finished by the next one without submitting them again.
 */
class BatchRecoveryIT {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void expiredAndErroredRequestsAreSentOneByOneAndNothingIsLost(Dialect dialect)
      throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 400));
    Path seeds = BatchFixtures.seeds(dir, "PersonX pays the bill", "PersonX is late for work",
        "PersonX refuses the offer");
    try (BatchTeacherServer syncServer = server(dialect);
        BatchTeacherServer batchServer = server(dialect)) {
      RunManifest sync = BatchFixtures.sync(BatchFixtures.settings(dialect,
          syncServer.baseUrl(), recipe, seeds, dir.resolve("sync")));
      RunManifest m = BatchFixtures.batch(BatchFixtures.settings(dialect,
          batchServer.baseUrl(), recipe, seeds, dir.resolve("batch")), 0, null);

      assertThat(m.status()).isEqualTo("complete");
      assertThat(BatchFixtures.records(dir.resolve("batch"))).isNotEmpty()
          .isEqualTo(BatchFixtures.records(dir.resolve("sync")));
      assertThat(BatchFixtures.failures(dir.resolve("batch")))
          .isEqualTo(BatchFixtures.failures(dir.resolve("sync")))
          .filteredOn(f -> f.contains("scripted refusal")).hasSize(4);
      assertThat(m.counts()).isEqualTo(sync.counts());
      // 12 requests: 4 answered by the job; the 4 expired and the 4 errored sent one by one.
      assertThat(m.batch().batchRequests()).isEqualTo(4);
      assertThat(m.batch().batchFailed()).isEqualTo(8);
      assertThat(batchServer.syncCalls()).isEqualTo(8);
      assertThat(m.teacherCalls().requestsSent()).isEqualTo(8);
      assertThat(m.batch().batchRequests() + m.teacherCalls().requestsSent())
          .isEqualTo(m.counts().requests());
      assertThat(m.counts().requestsOk() + m.counts().requestsFailed()).isEqualTo(12);
      assertThat(m.counts().requestsFailed()).isEqualTo(4);
      assertThat(m.notes()).anyMatch(n -> n.contains("8 of 12 requests unanswered")
          && n.contains("sent one by one"));
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aRunStoppedWhilePollingIsFinishedWithoutSubmittingAgain(Dialect dialect)
      throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 400));
    Path seeds = BatchFixtures.seeds(dir, "PersonX pays the bill", "PersonX walks the dog");
    Path out = dir.resolve("batch");
    try (BatchTeacherServer syncServer = server(dialect);
        BatchTeacherServer server = server(dialect).pollsBeforeEnd(3)) {
      GenerationSettings settings = BatchFixtures.settings(dialect, server.baseUrl(), recipe,
          seeds, out);
      assertThatThrownBy(() -> BatchFixtures.batch(settings, 0, p -> {
        if (p.batch() != null && p.batch().status().equals("in_progress")) {
          throw new IllegalStateException("stopped while polling");
        }
      })).hasMessageContaining("stopped while polling");
      assertThat(server.jobsCreated()).isEqualTo(1);
      JsonNode recorded = CorpusJson.json().readTree(out.resolve(GenerationFiles.BATCHES)
          .toFile());
      assertThat(recorded.path("jobs").get(0).path("id").asText()).isNotEmpty();
      assertThat(recorded.path("jobs").get(0).path("collected").asBoolean()).isFalse();

      RunManifest m = BatchFixtures.batch(settings, 0, null);

      assertThat(m.status()).isEqualTo("complete");
      assertThat(server.jobsCreated()).isEqualTo(1);
      assertThat(server.count("POST", "/v1/files")).isEqualTo(dialect == Dialect.OPENAI ? 1 : 0);
      assertThat(server.syncCalls()).isZero();
      assertThat(m.batch().jobs()).isZero();
      assertThat(m.batch().batchRequests()).isEqualTo(8);
      assertThat(m.allInvocations().batchRequests()).isEqualTo(8);
      BatchFixtures.sync(BatchFixtures.settings(dialect, syncServer.baseUrl(), recipe, seeds,
          dir.resolve("sync")));
      assertThat(BatchFixtures.records(out)).isNotEmpty()
          .isEqualTo(BatchFixtures.records(dir.resolve("sync")));

      // Once finished, a rerun finds every group written: nothing to batch, nothing to send.
      RunManifest again = BatchFixtures.batch(settings, 0, null);
      assertThat(server.jobsCreated()).isEqualTo(1);
      assertThat(again.teacherCalls().requestsSent()).isZero();
      assertThat(again.batch().submitted()).isZero();
    }
  }

  private static BatchTeacherServer server(Dialect dialect) throws IOException {
    return new BatchTeacherServer(dialect, BatchFixtures.KEY, BatchFixtures::script)
        .fate(BatchFixtures::fate);
  }
}
