package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.distill4j.teacher.testing.BatchTeacherServer;
import org.distill4j.teacher.testing.BatchTeacherServer.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --batch} against loopback servers that speak OpenAI's Batch API and Anthropic's
 * Message Batches: the same seeds through the same teacher give the same records and failures
 * as a synchronous run, the answers arrive through the reply cache (nothing is sent one by one
 * but re-asks), cut replies stay cut, and the batch's spend is in the manifest and the ledger.
 */
class BatchRunIT {
  private static final String[] EVENTS = {"PersonX pays the bill", "PersonX fails the test",
      "PersonX gets a haircut", "PersonX walks the dog"};

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aBatchedRunWritesWhatASynchronousRunWrites(Dialect dialect) throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    Path seeds = BatchFixtures.seeds(dir, EVENTS);
    Path syncOut = dir.resolve("sync");
    Path batchOut = dir.resolve("batch");
    try (BatchTeacherServer syncServer = server(dialect);
        BatchTeacherServer batchServer = server(dialect)) {
      RunManifest sync = BatchFixtures.sync(
          BatchFixtures.settings(dialect, syncServer.baseUrl(), recipe, seeds, syncOut));
      RunManifest batch = BatchFixtures.batch(
          BatchFixtures.settings(dialect, batchServer.baseUrl(), recipe, seeds, batchOut), 0,
          null);

      assertThat(batch.status()).isEqualTo("complete");
      assertThat(BatchFixtures.records(batchOut)).isNotEmpty()
          .isEqualTo(BatchFixtures.records(syncOut));
      assertThat(BatchFixtures.failures(batchOut)).isEqualTo(BatchFixtures.failures(syncOut));
      assertThat(batch.counts()).isEqualTo(sync.counts());
      // 4 seeds x 2 relations x 2 samples, in one job; only the re-asks of "fails" go one by one.
      RunManifest.BatchCalls b = batch.batch();
      assertThat(batchServer.jobsCreated()).isEqualTo(1);
      assertThat(b.jobs()).isEqualTo(1);
      assertThat(b.submitted()).isEqualTo(16);
      assertThat(b.batchRequests()).isEqualTo(16);
      assertThat(b.batchFailed()).isZero();
      assertThat(b.batchTokensIn()).isEqualTo(16 * 11L);
      assertThat(b.batchTokensOut()).isEqualTo(16 * 7L);
      assertThat(batch.counts().reasks()).isEqualTo(4);
      assertThat(batchServer.syncCalls()).isEqualTo(4);
      assertThat(batch.teacherCalls().requestsSent()).isEqualTo(4);
      assertThat(batch.teacherCalls().cacheHits()).isEqualTo(16);
      assertThat(batch.tokens().input()).isEqualTo(4 * 11L);
      assertThat(batch.allInvocations().batchRequests()).isEqualTo(16);
      assertThat(batch.allInvocations().batchTokensIn()).isEqualTo(16 * 11L);
      assertThat(batch.allInvocations().batchTokensOut()).isEqualTo(16 * 7L);
      assertThat(sync.allInvocations().batchRequests()).isNull();
      // The entry files are gone once collected; the record of the jobs stays.
      assertThat(batchOut.resolve(GenerationFiles.BATCHES)).exists();
      try (var left = Files.list(batchOut.resolve(GenerationFiles.BATCH_DIR))) {
        assertThat(left).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void aReplyCutAtTheLimitInTheBatchStaysMarkedCut(Dialect dialect) throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    Path seeds = BatchFixtures.seeds(dir, "PersonX gets a haircut");
    Path out = dir.resolve("batch");
    try (BatchTeacherServer server = server(dialect)) {
      RunManifest m = BatchFixtures.batch(
          BatchFixtures.settings(dialect, server.baseUrl(), recipe, seeds, out), 0, null);

      assertThat(m.batch().batchRequests()).isEqualTo(4);
      assertThat(server.syncCalls()).isZero();
      assertThat(m.failuresByCategory()).containsEntry("truncated", 4L);
      assertThat(BatchFixtures.lines(out.resolve(RunFolder.FAILURES)))
          .extracting(n -> n.path("category").asText()).containsOnly("truncated");
    }
  }

  @Test
  void largeRunsAreSplitIntoJobsWhoseStatesTheProgressShows() throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 400));
    Path seeds = BatchFixtures.seeds(dir, "PersonX pays the bill", "PersonX walks the dog",
        "PersonX reads a book");
    List<Progress.Batch> seen = new CopyOnWriteArrayList<>();
    try (BatchTeacherServer server = server(Dialect.OPENAI)) {
      RunManifest m = BatchFixtures.batch(BatchFixtures.settings(Dialect.OPENAI,
          server.baseUrl(), recipe, seeds, dir.resolve("batch")), 5, p -> {
            if (p.batch() != null) {
              seen.add(p.batch());
            }
          });

      // 12 requests in jobs of at most 5: 5, 5 and 2.
      assertThat(server.jobsCreated()).isEqualTo(3);
      assertThat(m.batch().jobs()).isEqualTo(3);
      assertThat(m.batch().batchRequests()).isEqualTo(12);
      assertThat(server.syncCalls()).isZero();
      assertThat(seen).extracting(Progress.Batch::toString)
          .contains("batch 1/? submitted 0/5 done, 0 failed")
          .contains("batch 3/3 completed 2/2 done, 0 failed")
          .anyMatch(s -> s.matches("batch 2/3 in_progress \\d/5 done, 0 failed"));
    }
  }

  @Test
  void logprobsComeThroughTheBatchAsTheyComeOneByOne() throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 400)
        .replace("seed: 1}", "seed: 1, logprobs: 3}"));
    Path seeds = BatchFixtures.seeds(dir, "PersonX pays the bill", "PersonX walks the dog");
    try (BatchTeacherServer syncServer = server(Dialect.OPENAI);
        BatchTeacherServer batchServer = server(Dialect.OPENAI)) {
      BatchFixtures.sync(BatchFixtures.settings(Dialect.OPENAI, syncServer.baseUrl(), recipe,
          seeds, dir.resolve("sync")));
      BatchFixtures.batch(BatchFixtures.settings(Dialect.OPENAI, batchServer.baseUrl(), recipe,
          seeds, dir.resolve("batch")), 0, null);

      assertThat(batchServer.syncCalls()).isZero();
      List<String> batched = sorted(dir.resolve("batch").resolve(RunFolder.LOGPROBS));
      assertThat(batched).hasSize(8).isEqualTo(sorted(dir.resolve("sync")
          .resolve(RunFolder.LOGPROBS)));
    }
  }

  private static List<String> sorted(Path file) {
    return BatchFixtures.lines(file).stream().map(JsonNode::toString).sorted().toList();
  }

  private static BatchTeacherServer server(Dialect dialect) throws IOException {
    return new BatchTeacherServer(dialect, BatchFixtures.KEY, BatchFixtures::script)
        .fate(BatchFixtures::fate);
  }
}
