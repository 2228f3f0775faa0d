package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.distill4j.generation.cost.CostSettings;
import org.distill4j.generation.cost.Projection;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.price.ModelPrice;
import org.distill4j.teacher.price.PriceMatch;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cost limit against a real HTTP teacher on 127.0.0.1 (11 prompt + 7 completion tokens per
 * reply, at 1,000 per million each: 0.018 a reply). With one request in flight the run stops
 * right at the reply that reaches the limit; a prompt whose second sample was not sent is left
 * whole for the rerun, and the rerun with a higher limit sends only what was never answered.
 */
class CostLimitIT {
  private static final PriceMatch PRICE = new PriceMatch(
      new ModelPrice("openai", "test-model", "USD", 1000, null, 1000, null, null),
      "test-model", false, "a test price");

  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path seeds;
  private Path recipe;
  private Path out;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(RunFixtures::script);
    seeds = Files.writeString(dir.resolve("seeds.jsonl"), String.join("\n",
        "{\"event\": \"PersonX pays the bill\"}", "{\"event\": \"PersonX walks the dog\"}",
        "{\"event\": \"PersonX bakes bread\"}", ""));
    recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    out = dir.resolve("run");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private RunManifest run(double maxCost) {
    GenerationSettings base = RunFixtures.settings(recipe, seeds, server.baseUrl(), out, 1);
    GenerationSettings s = base.withCost(CostSettings.of(PRICE, maxCost, null, base.teacher()));
    return new GenerationRun(s, new ChatModelFactory(env -> null).teacher(s.teacher()), null)
        .run();
  }

  @Test
  void stopsAtTheLimitKeepsWhatArrivedAndARerunWithMoreSendsOnlyTheRest() throws IOException {
    // 3 seeds x 2 relations x 2 samples = 12 requests; 0.05 is reached by the third reply.
    RunManifest stopped = run(0.05);

    assertThat(server.received()).hasSize(3);
    assertThat(stopped.status()).isEqualTo("stopped");
    assertThat(stopped.stopped()).isEqualTo("max cost reached (spent 0.0540 USD of 0.0500 USD"
        + " when sending stopped)");
    RunManifest.Counts c = stopped.counts();
    // The first prompt's two samples are written; the second prompt got one of its two replies
    // (kept in the cache), so it is skipped whole with the four prompts never asked.
    assertThat(c.requests()).isEqualTo(2);
    assertThat(c.requestsOk()).isEqualTo(2);
    assertThat(c.requestsSkipped()).isEqualTo(10);
    assertThat(c.skippedByReason()).containsExactly(
        java.util.Map.entry(stopped.stopped(), 10L));
    assertThat(c.records()).isPositive();
    assertThat(Files.readAllLines(out.resolve("generated.jsonl"))).hasSize((int) c.records());
    assertThat(stopped.cost().spent()).isCloseTo(0.054, within(1e-9));
    assertThat(stopped.cost().spentAllInvocations()).isCloseTo(0.054, within(1e-9));
    assertThat(stopped.cost().projected().toSend()).isEqualTo(12);

    // The same limit again: already spent, so nothing is sent; the run stops again at once.
    RunManifest again = run(0.05);
    assertThat(server.received()).hasSize(3);
    assertThat(again.status()).isEqualTo("stopped");
    assertThat(again.cost().spent()).isZero();
    assertThat(again.cost().projected().cached()).isEqualTo(3);

    // A higher limit: the nine requests never answered are sent, each once.
    RunManifest done = run(1.0);
    assertThat(done.status()).isEqualTo("complete");
    assertThat(server.received()).hasSize(12);
    Set<String> distinct = server.received().stream()
        .map(r -> r.lastUser() + "|" + r.body().path("seed").asText())
        .collect(Collectors.toSet());
    assertThat(distinct).hasSize(12);
    assertThat(done.counts().requests()).isEqualTo(12);
    assertThat(done.counts().requestsSkipped()).isZero();
    assertThat(done.cost().spentAllInvocations()).isCloseTo(12 * 0.018, within(1e-9));
    List<RunLedger.Entry> ledger = new RunLedger(out.resolve(RunLedger.FILE)).invocations();
    assertThat(ledger).extracting(RunLedger.Entry::status)
        .containsExactly("stopped", "stopped", "complete");
    assertThat(ledger).allSatisfy(e -> assertThat(e.currency()).isEqualTo("USD"));
  }

  @Test
  void aRerunOfAFinishedRunProjectsNothingToSendWithoutLookingUpEveryRequest() throws IOException {
    // More finished groups than the survey still looks up, so most are counted from the log.
    int n = SeedSurvey.OBSERVED_DONE + 44;
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < n; i++) {
      lines.append("{\"event\": \"PersonX counts to ").append(i).append("\"}\n");
    }
    Files.writeString(seeds, lines);
    RunManifest first = run(1000);
    assertThat(first.status()).isEqualTo("complete");
    int sent = server.received().size();
    assertThat(sent).isEqualTo(n * 4);

    Projection again = run(1000).cost().projected();
    assertThat(again.requests()).isEqualTo(n * 4L);
    assertThat(again.toSend()).isZero();
    assertThat(again.inputTokens()).isZero();
    // The reply lengths still come from the cached replies of the groups it looked up.
    assertThat(again.meanOutput()).isEqualTo(7.0);

    // Finished groups are never sent again, so they cost nothing even with the cache gone.
    deleteTree(out.resolve("cache"));
    RunManifest third = run(1000);
    assertThat(third.status()).isEqualTo("complete");
    assertThat(third.cost().projected().toSend()).isZero();
    assertThat(server.received()).hasSize(sent);
  }

  private static void deleteTree(Path root) throws IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
