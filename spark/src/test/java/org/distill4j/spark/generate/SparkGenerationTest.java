package org.distill4j.spark.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.seed.FieldMapping;
import org.distill4j.generation.cost.CostOptions;
import org.distill4j.generation.recipe.RecipeLoader;
import org.distill4j.generation.run.GenerationFiles;
import org.distill4j.generation.run.GenerationRun;
import org.distill4j.generation.run.GenerationSettings;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.spark.SparkSessions;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.TeacherConfig;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.batch.RetryPolicy;
import org.distill4j.teacher.batch.RunnerSettings;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark generation on {@code local[2]} against a deterministic teacher on 127.0.0.1. */
class SparkGenerationTest {
  private static final TeacherSource LOOPBACK =
      config -> new ChatModelFactory(env -> null).teacher(config);
  /** Failed tasks, across the serialized copies of the hook (local mode: one JVM). */
  private static final AtomicInteger FAILED_ON_PURPOSE = new AtomicInteger();
  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path recipe;
  private Path seeds;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(SparkGenerationTest::script, 8);
    recipe = dir.resolve("recipe.yaml");
    Files.writeString(recipe, """
        id: spark-commonsense
        version: "1"
        kind: triple
        inputs: [event]
        expand:
          - {relation: xIntent, question: "Why?"}
          - {relation: xWant, question: "What next?"}
        system: Answer with a numbered list.
        user: |
          Event: {{event}}
          Question: {{question}}
        sampling: {n: 2, temperature: 0.9, max_tokens: 100, seed: 1}
        output:
          format: lines
          fields: {head: "{{event}}", relation: "{{relation}}", tail: "{{item}}"}
        """);
    seeds = dir.resolve("seeds.jsonl");
    List<String> lines = new java.util.ArrayList<>(IntStream.rangeClosed(1, 9)
        .mapToObj(i -> "{\"event\": \"PersonX does thing " + i + "\"}").toList());
    lines.add(3, "not json at all");
    lines.add(6, "{\"event\": \"PersonX fails the test\"}");
    Files.writeString(seeds, String.join("\n", lines) + "\n");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  /** Two items per reply, one naming the event and sample; a preamble only for "fails". */
  private static FakeTeacherServer.Reply script(FakeTeacherServer.Received r) {
    String user = r.lastUser();
    if (user.contains("fails")) {
      return FakeTeacherServer.ok("Sure, here are some answers:");
    }
    String event = user.lines().findFirst().orElse("");
    return FakeTeacherServer.ok("1. to answer " + event + " " + r.body().path("seed").asInt()
        + "\n2. to be common\n");
  }

  private GenerationSettings settings(Path out) {
    return settings(out, null, 0);
  }

  private GenerationSettings settings(Path out, Path cache, long limit) {
    return new GenerationSettings(RecipeLoader.load(recipe), seeds, FieldMapping.identity(),
        new TeacherConfig("openai", "test-model", server.baseUrl(), null, 5.0),
        new RunnerSettings(4, 0, 0, new RetryPolicy(2, Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofSeconds(1))), out, cache, limit);
  }

  private static List<CorpusRecord> records(Path run) {
    try (JsonLinesReader<CorpusRecord> r =
        JsonLinesReader.open(run.resolve(GenerationFiles.GENERATED), CorpusRecord.class)) {
      return r.records(BadLinePolicy.failFast()).toList();
    }
  }

  private static Set<String> distinctRequests(FakeTeacherServer server) {
    return server.received().stream().map(r -> r.body().toString()).collect(Collectors.toSet());
  }

  @Test
  void twoPartitionsWriteWhatOneMachineWrites() {
    RunManifest local = new GenerationRun(settings(dir.resolve("local")),
        LOOPBACK.teacher(settings(dir).teacher()), null).run();
    int sentLocally = server.received().size();

    Path sparkRun = dir.resolve("spark");
    SparkManifest spark = new SparkGeneration(SparkSessions.local(), LOOPBACK, PartitionHook.NONE)
        .run(settings(sparkRun), 2);

    assertThat(spark.partitions()).isEqualTo(2);
    assertThat(spark.concurrencyPerPartition()).isEqualTo(2);
    assertThat(spark.status()).isEqualTo("complete");
    // The same ids; the order within one seed's group follows reply arrival, here as locally.
    assertThat(records(sparkRun)).extracting(CorpusRecord::id)
        .containsExactlyInAnyOrderElementsOf(records(dir.resolve("local")).stream().map(CorpusRecord::id)
            .toList());
    assertThat(spark.counts()).isEqualTo(local.counts());
    assertThat(spark.failuresByCategory()).isEqualTo(local.failuresByCategory());
    // The first run's replies are not in the Spark run's caches: it asked everything again.
    assertThat(spark.requestsSent()).isEqualTo(server.received().size() - sentLocally)
        .isEqualTo(local.teacherCalls().requestsSent());
    // Two contiguous ranges covering the file's 11 lines, in order (the split is by bytes).
    List<SparkManifest.Part> parts = spark.parts();
    assertThat(parts.get(0).firstLine()).isEqualTo(1L);
    assertThat(parts.get(1).firstLine()).isEqualTo(1L + parts.get(0).lines());
    assertThat(parts.get(0).lines() + parts.get(1).lines()).isEqualTo(11L);
  }

  @Test
  void aRetriedTaskResendsNoAnsweredRequest() {
    FAILED_ON_PURPOSE.set(0);
    PartitionHook failOnce = (partition, attempt, manifest) -> {
      if (partition == 1 && attempt == 0) {
        FAILED_ON_PURPOSE.incrementAndGet();
        throw new IllegalStateException("task of partition 1 fails on purpose after its replies");
      }
    };
    Path run = dir.resolve("faulty");
    SparkManifest m = new SparkGeneration(SparkSessions.local(), LOOPBACK, failOnce)
        .run(settings(run), 2);

    assertThat(FAILED_ON_PURPOSE).hasValue(1);
    assertThat(m.status()).isEqualTo("complete");
    // Every request reached the teacher once: the retry read partition 1's cache.
    assertThat(server.received()).hasSize(distinctRequests(server).size());
    assertThat(server.received()).hasSize((int) m.counts().requests()
        + (int) m.counts().reasks());
    assertThat(m.cacheHits()).isZero();
    assertThat(server.maxInFlight()).isLessThanOrEqualTo(4);
    assertThat(records(run)).hasSize((int) m.counts().records());
  }

  /**
   * Stands for an executor lost in the middle of a task: an {@link Error} (not a request
   * failure the runner would retry, and not one Spark counts as fatal to its JVM) thrown from
   * the teacher call while the task's other requests are still in flight.
   */
  private static final class LostMidRun extends Error {
    private static final long serialVersionUID = 1L;

    LostMidRun() {
      super("executor lost on purpose in the middle of partition 1's first attempt");
    }
  }

  /** Answers counted across the serialized copies of the source (local mode: one JVM). */
  private static final AtomicInteger ANSWERED_BEFORE_LOSS = new AtomicInteger();

  @Test
  void aTaskLostMidGenerationIsRetriedWithoutResendingAnsweredRequests() {
    ANSWERED_BEFORE_LOSS.set(0);
    FAILED_ON_PURPOSE.set(0);
    TeacherSource losesPartitionOne = config -> {
      Teacher real = LOOPBACK.teacher(config);
      org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
      if (task.partitionId() != 1 || task.attemptNumber() != 0) {
        return real;
      }
      return request -> {
        if (ANSWERED_BEFORE_LOSS.get() >= 3) {
          FAILED_ON_PURPOSE.incrementAndGet();
          throw new LostMidRun();
        }
        TeacherReply reply = real.ask(request);
        ANSWERED_BEFORE_LOSS.incrementAndGet();
        return reply;
      };
    };
    Path run = dir.resolve("lost");
    SparkManifest m = new SparkGeneration(SparkSessions.local(), losesPartitionOne,
        PartitionHook.NONE).run(settings(run), 2);

    assertThat(FAILED_ON_PURPOSE.get()).isPositive();
    assertThat(ANSWERED_BEFORE_LOSS.get()).isGreaterThanOrEqualTo(3);
    assertThat(m.status()).isEqualTo("complete");
    // Each distinct request reached the teacher exactly once, the ones answered before the
    // loss included: the retry found them in partition 1's cache.
    int sentBySpark = server.received().size();
    assertThat(sentBySpark).isEqualTo(distinctRequests(server).size());
    assertThat(m.cacheHits()).isGreaterThanOrEqualTo(3);

    // A clean run on one machine sends as many: the loss cost no request.
    RunManifest local = new GenerationRun(settings(dir.resolve("local")),
        LOOPBACK.teacher(settings(dir).teacher()), null).run();
    assertThat(local.teacherCalls().requestsSent()).isEqualTo(sentBySpark);
    assertThat(server.received()).hasSize(2 * sentBySpark);
    assertThat(m.counts()).isEqualTo(local.counts());
    assertThat(records(run)).extracting(CorpusRecord::id)
        .containsExactlyInAnyOrderElementsOf(records(dir.resolve("local")).stream()
            .map(CorpusRecord::id).toList());
  }

  @Test
  void aLimitTakesTheRowsALocalLimitTakesAndCachesGoWhereAsked() throws IOException {
    // Six rows: a blank line among them is not a row, the unparsable line is one.
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(seeds));
    lines.add(2, "");
    Files.write(seeds, lines);
    RunManifest local = new GenerationRun(settings(dir.resolve("local"), null, 6),
        LOOPBACK.teacher(settings(dir).teacher()), null).run();

    Path run = dir.resolve("limited");
    Path cache = dir.resolve("caches");
    SparkManifest spark = new SparkGeneration(SparkSessions.local(), LOOPBACK, PartitionHook.NONE)
        .run(settings(run, cache, 6), 2);

    assertThat(local.counts().seeds()).isEqualTo(6);
    assertThat(spark.counts()).isEqualTo(local.counts());
    assertThat(records(run)).extracting(CorpusRecord::id)
        .containsExactlyInAnyOrderElementsOf(records(dir.resolve("local")).stream()
            .map(CorpusRecord::id).toList());
    for (SparkManifest.Part part : spark.parts()) {
      String name = String.format("part-%05d", part.index());
      assertThat(cache.resolve(name)).isDirectory();
      assertThat(run.resolve("spark").resolve(name).resolve(GenerationFiles.CACHE)).doesNotExist();
    }
  }

  @Test
  void aSpendingLimitIsSharedByThePartitionsAndARerunWithMoreFinishesTheJob() throws IOException {
    // 1,000 per million tokens: each reply costs a few hundredths; the job's 0.1 is 0.05 a part.
    Path prices = Files.writeString(dir.resolve("prices.yaml"), """
        currency: USD
        models:
          - {provider: openai, model: test-model, input: 1000, output: 1000}
        """);
    Path run = dir.resolve("priced");
    SparkManifest stopped = new SparkGeneration(SparkSessions.local(), LOOPBACK,
        PartitionHook.NONE).run(settings(run), 2, new CostOptions(prices, 0.1, null));

    assertThat(stopped.status()).isEqualTo("stopped");
    assertThat(stopped.parts()).allSatisfy(p -> assertThat(p.status()).isEqualTo("stopped"));
    assertThat(stopped.counts().requestsSkipped()).isPositive();
    assertThat(stopped.spent()).isPositive();
    int sentBeforeRerun = server.received().size();

    SparkManifest done = new SparkGeneration(SparkSessions.local(), LOOPBACK, PartitionHook.NONE)
        .run(settings(run), 2, new CostOptions(prices, 100.0, null));
    assertThat(done.status()).isEqualTo("complete");
    assertThat(server.received().size()).isGreaterThan(sentBeforeRerun);
    // Across both invocations each request was sent once: the rerun sent only the skipped ones.
    assertThat(server.received()).hasSize(distinctRequests(server).size());
    assertThat(done.spentAllInvocations()).isGreaterThan(stopped.spentAllInvocations());

    RunManifest local = new GenerationRun(settings(dir.resolve("local")),
        LOOPBACK.teacher(settings(dir).teacher()), null).run();
    assertThat(records(run)).extracting(CorpusRecord::id)
        .containsExactlyInAnyOrderElementsOf(records(dir.resolve("local")).stream()
            .map(CorpusRecord::id).toList());
    assertThat(done.counts().records()).isEqualTo(local.counts().records());
  }
}
