package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.distill4j.generation.cost.CostSettings;
import org.distill4j.generation.cost.Projection;
import org.distill4j.teacher.price.ModelPrice;
import org.distill4j.teacher.price.PriceMatch;
import org.distill4j.teacher.testing.BatchTeacherServer;
import org.distill4j.teacher.testing.BatchTeacherServer.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What {@code --batch} costs, against loopback batch servers that report 11 prompt and 7
 * completion tokens per answer, at 1,000 per million tokens one by one and 500 through the batch
 * API: 0.018 a reply sent one by one, 0.009 a batch answer. Batch answers are priced once, at
 * the batch price, though the synchronous pass meets them again as cache hits; and a cost limit
 * is kept before submitting, since a job cannot be stopped midway.
 */
class BatchCostIT {
  private static final PriceMatch PRICE = new PriceMatch(
      new ModelPrice("openai", "test-model", "USD", 1000, null, 1000, 500.0, 500.0),
      "test-model", false, "a test price");
  private static final double SYNC_REPLY = 0.018;
  private static final double BATCH_ANSWER = 0.009;

  @TempDir Path dir;

  private static GenerationSettings priced(GenerationSettings s, Double maxCost) {
    return s.withCost(CostSettings.of(PRICE, maxCost, null, s.teacher()));
  }

  @ParameterizedTest
  @EnumSource(Dialect.class)
  void batchAnswersArePricedOnceAtTheBatchPriceAndReAsksAtTheListPrice(Dialect dialect)
      throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    // 3 seeds x 2 relations x 2 samples = 12 batch answers; "fails" is re-asked 4 times.
    Path seeds = BatchFixtures.seeds(dir, "PersonX pays the bill", "PersonX fails the test",
        "PersonX walks the dog");
    Path out = dir.resolve("batch");
    try (BatchTeacherServer server = server(dialect)) {
      RunManifest m = BatchFixtures.batch(priced(BatchFixtures.settings(dialect,
          server.baseUrl(), recipe, seeds, out), null), 0, null);

      assertThat(m.status()).isEqualTo("complete");
      assertThat(m.batch().batchRequests()).isEqualTo(12);
      assertThat(m.teacherCalls().cacheHits()).isEqualTo(12);
      assertThat(m.teacherCalls().requestsSent()).isEqualTo(4);
      RunManifest.Cost c = m.cost();
      assertThat(c.spentBatch()).isCloseTo(12 * BATCH_ANSWER, within(1e-9));
      assertThat(c.spent()).isCloseTo(12 * BATCH_ANSWER + 4 * SYNC_REPLY, within(1e-9));
      assertThat(c.spentAllInvocations()).isCloseTo(c.spent(), within(1e-9));
      assertThat(c.repliesPricedFromCountedTokens()).isNull();
      assertThat(m.allInvocations().batchCost()).isCloseTo(12 * BATCH_ANSWER, within(1e-9));

      // A ledger line without a recorded cost (written before costs were) is priced from its
      // tokens: the synchronous ones at the list price, the batch ones at the batch price.
      RunLedger.Entry e = new RunLedger(out.resolve(RunLedger.FILE)).invocations().get(0);
      assertThat(e.cost()).isCloseTo(c.spent(), within(1e-9));
      RunLedger.Entry unpriced = new RunLedger.Entry(e.invocation(), e.runId(), e.status(),
          e.startedAt(), e.at(), e.requestsSent(), e.retries(), e.cacheHits(), e.inputTokens(),
          e.outputTokens(), e.repliesWithUsage(), e.repliesWithoutUsage(), null, null, null,
          e.batchRequests(), e.batchTokensIn(), e.batchTokensOut(), e.batchFailed(), null);
      assertThat(RunLedger.costOf(unpriced, PRICE.price())).isCloseTo(c.spent(), within(1e-9));
      assertThat(RunLedger.batchCostOf(unpriced, PRICE.price()))
          .isCloseTo(12 * BATCH_ANSWER, within(1e-9));
    }
  }

  @Test
  void aLimitSubmitsOnlyWhatFitsAtTheUpperBoundAndTheSameLimitAgainGoesOn() throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    Path seeds = BatchFixtures.seeds(dir, "PersonX pays the bill", "PersonX walks the dog",
        "PersonX bakes bread");
    Path out = dir.resolve("batch");
    try (BatchTeacherServer server = server(Dialect.OPENAI);
        BatchTeacherServer syncServer = server(Dialect.OPENAI)) {
      GenerationSettings base = BatchFixtures.settings(Dialect.OPENAI, server.baseUrl(), recipe,
          seeds, out);
      Projection p = new GenerationRun(priced(base, null).withBatch(
          BatchSettings.every(Duration.ZERO)), null, null).dryRun(0).projection();
      assertThat(p.batch()).isTrue();
      // 12 requests of 6 prompts; the bound of all of them at the batch price, every reply
      // max_tokens long, is far above what the answers cost (7 tokens each).
      double limit = p.cost().upper() * 0.4;

      RunManifest first = BatchFixtures.batch(priced(base, limit), 0, null);

      assertThat(first.status()).isEqualTo("stopped");
      assertThat(first.stopped()).startsWith("max cost: requests held back from the batch jobs");
      long submitted = first.batch().submitted();
      assertThat(submitted).isPositive().isLessThan(12).isEven();
      assertThat(first.batch().heldBack()).isEqualTo(12 - submitted);
      assertThat(first.counts().requestsSkipped()).isEqualTo(12 - submitted);
      assertThat(first.counts().requests()).isEqualTo(submitted);
      assertThat(server.syncCalls()).as("nothing fresh is sent one by one").isZero();
      assertThat(first.cost().spent()).isCloseTo(submitted * BATCH_ANSWER, within(1e-9))
          .isLessThanOrEqualTo(limit);

      // The same limit again: the jobs' real cost is known now, so more fits, until all is done.
      long total = submitted;
      RunManifest last = first;
      for (int run = 0; run < 6 && !"complete".equals(last.status()); run++) {
        last = BatchFixtures.batch(priced(base, limit), 0, null);
        assertThat(last.batch().submitted()).isPositive();
        total += last.batch().submitted();
      }
      assertThat(last.status()).isEqualTo("complete");
      assertThat(total).isEqualTo(12);
      assertThat(server.syncCalls()).isZero();
      assertThat(last.cost().spentAllInvocations()).isCloseTo(12 * BATCH_ANSWER, within(1e-9));
      List<RunLedger.Entry> ledger = new RunLedger(out.resolve(RunLedger.FILE)).invocations();
      assertThat(ledger.get(0).status()).isEqualTo("stopped");
      assertThat(ledger.get(ledger.size() - 1).status()).isEqualTo("complete");

      BatchFixtures.sync(BatchFixtures.settings(Dialect.OPENAI, syncServer.baseUrl(), recipe,
          seeds, dir.resolve("sync")));
      assertThat(BatchFixtures.records(out)).isNotEmpty()
          .isEqualTo(BatchFixtures.records(dir.resolve("sync")));
    }
  }

  @Test
  void aLimitBelowOnePromptsBoundSubmitsNothingAndSendsNothing() throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    Path seeds = BatchFixtures.seeds(dir, "PersonX pays the bill");
    try (BatchTeacherServer server = server(Dialect.ANTHROPIC)) {
      // One prompt's two samples are bounded by 2 x 200 output tokens at 500 per million: 0.2.
      RunManifest m = BatchFixtures.batch(priced(BatchFixtures.settings(Dialect.ANTHROPIC,
          server.baseUrl(), recipe, seeds, dir.resolve("batch")), 0.1), 0, null);

      assertThat(m.status()).isEqualTo("stopped");
      assertThat(server.jobsCreated()).isZero();
      assertThat(server.syncCalls()).isZero();
      assertThat(m.batch().heldBack()).isEqualTo(4);
      assertThat(m.counts().requestsSkipped()).isEqualTo(4);
      assertThat(m.counts().skippedByReason()).containsOnlyKeys(m.stopped());
      assertThat(m.cost().spent()).isZero();
    }
  }

  private static BatchTeacherServer server(Dialect dialect) throws IOException {
    return new BatchTeacherServer(dialect, BatchFixtures.KEY, BatchFixtures::script)
        .fate(BatchFixtures::fate);
  }
}
