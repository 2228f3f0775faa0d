package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.io.BadLinePolicy;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.io.JsonLinesReader;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.distill4j.core.seed.FieldMapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole generation runs against a real HTTP teacher on 127.0.0.1. */
class GenerationRunIT {
  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path seeds;
  private Path out;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(RunFixtures::script);
    seeds = dir.resolve("seeds.jsonl");
    Files.writeString(seeds, String.join("\n",
        "{\"event\": \"PersonX pays the bill\"}",
        "{\"event\": \"PersonX fails the test\"}",
        "{\"event\": \"PersonX gets a haircut\"}",
        "{\"other\": \"no event field\"}",
        "not json at all",
        "{\"event\": \"PersonX walks the dog\"}",
        ""));
    out = dir.resolve("run");
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private RunManifest run(Path recipe) {
    GenerationSettings s = RunFixtures.settings(recipe, seeds, server.baseUrl(), out, 4);
    Teacher teacher = new ChatModelFactory(env -> null).teacher(s.teacher());
    return new GenerationRun(s, teacher, null).run();
  }

  private List<CorpusRecord> records() {
    try (JsonLinesReader<CorpusRecord> r = JsonLinesReader.open(out.resolve("generated.jsonl"), CorpusRecord.class)) {
      return r.records(BadLinePolicy.failFast()).toList();
    }
  }

  private List<JsonNode> failures() throws IOException {
    return Files.readAllLines(out.resolve("failures.jsonl")).stream().map(l -> {
      try {
        return CorpusJson.json().readTree(l);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }).toList();
  }

  @Test
  void everyExpandedRequestEndsAsRecordsOrAFailure() throws IOException {
    RunManifest m = run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200)));

    assertThat(m.status()).isEqualTo("complete");
    RunManifest.Counts c = m.counts();
    // 6 rows: 4 good seeds × 2 relations × 2 samples = 16 requests; 2 bad rows.
    assertThat(c.seeds()).isEqualTo(6);
    assertThat(c.seedFailures()).isEqualTo(2);
    assertThat(c.requests()).isEqualTo(16);
    assertThat(c.requestsOk() + c.requestsFailed()).isEqualTo(16);
    // "fails" (4 requests, preamble only) and "haircut" (4, cut at max tokens) fail.
    assertThat(c.requestsFailed()).isEqualTo(8);
    assertThat(c.reasks()).isEqualTo(4);
    assertThat(m.failuresByCategory()).containsEntry("truncated", 4L).containsEntry("parse", 4L)
        .containsEntry("bad_seed", 2L);

    List<CorpusRecord> records = records();
    assertThat(records).hasSize((int) c.records());
    // Per ok request: "to do thing <seed>" and "to be common"; the second sample's "to be common"
    // is a cross-sample duplicate. 2 events × 2 relations × (2 + 1) = 12.
    assertThat(records).hasSize(12);
    assertThat(c.duplicatesAcrossSamples()).isEqualTo(4);
    CorpusRecord first = records.get(0);
    assertThat(first.knowledge()).isInstanceOf(CommonsenseTriple.class);
    assertThat(first.provenance().recipeId()).isEqualTo("test-commonsense");
    assertThat(first.provenance().requestHash()).hasSize(64);
    assertThat(first.provenance().teacherProvider()).isEqualTo("openai");
    // Every sample of one seed and expansion entry names the same question, by file name:line.
    assertThat(records).extracting(r -> r.provenance().seedId())
        .allMatch(id -> id.matches("seeds\\.jsonl:[1-6](#1)?"))
        .contains("seeds.jsonl:1", "seeds.jsonl:1#1");
    assertThat(records.stream().map(r -> ((CommonsenseTriple) r.knowledge()).tail()))
        .doesNotContain("\"to be common\"").contains("to be common");

    List<JsonNode> fails = failures();
    assertThat(fails.stream().filter(f -> f.path("type").asText().equals("request"))).hasSize(8);
    assertThat(fails).anySatisfy(f -> {
      assertThat(f.path("category").asText()).isEqualTo("truncated");
      assertThat(f.path("raw").asText()).isEqualTo("1. to be cut o");
    });
    assertThat(fails).anySatisfy(f -> assertThat(f.path("seed").asText()).endsWith("seeds.jsonl:5"));
    assertThat(m.tokens().input()).isEqualTo(11L * m.teacherCalls().requestsSent());
    assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"status\" : \"complete\"");
  }

  @Test
  void aSeedColumnMappedAsIdTravelsOnEveryRecordMadeFromIt() throws IOException {
    Files.writeString(seeds, String.join("\n",
        "{\"qid\": \"dev-17\", \"event\": \"PersonX pays the bill\"}",
        "{\"qid\": \"dev-18\", \"event\": \"PersonX walks the dog\"}", ""));
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    GenerationSettings base = RunFixtures.settings(recipe, seeds, server.baseUrl(), out, 2);
    GenerationSettings s = new GenerationSettings(base.recipe(), seeds,
        FieldMapping.parse(List.of("event=event", "id=qid")), base.teacher(), base.runner(),
        out, null, 0);
    new GenerationRun(s, new ChatModelFactory(env -> null).teacher(s.teacher()), null).run();

    List<CorpusRecord> records = records();
    assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r.externalId())
        .isEqualTo(((CommonsenseTriple) r.knowledge()).head().contains("bill") ? "dev-17"
            : "dev-18"));
    // The question id names the expansion entry too; the user's id stays the user's.
    assertThat(records).extracting(r -> r.provenance().seedId()).contains("dev-17", "dev-17#1");
  }

  @Test
  void aRerunOfAFinishedRunSendsNothingAndWritesNothing() throws IOException {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    RunManifest first = run(recipe);
    int sent = server.received().size();
    String generated = Files.readString(out.resolve("generated.jsonl"));
    String failed = Files.readString(out.resolve("failures.jsonl"));

    RunManifest again = run(recipe);

    assertThat(server.received()).hasSize(sent);
    assertThat(again.teacherCalls().requestsSent()).isZero();
    assertThat(again.runId()).isEqualTo(first.runId());
    assertThat(again.counts().resumedRequests()).isEqualTo(16);
    assertThat(again.counts().records()).isEqualTo(first.counts().records());
    assertThat(Files.readString(out.resolve("generated.jsonl"))).isEqualTo(generated);
    assertThat(Files.readString(out.resolve("failures.jsonl"))).isEqualTo(failed);
  }

  @Test
  void aChangedParserReparsesStoredRepliesWithoutRequests() throws IOException {
    run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200)));
    int sent = server.received().size();

    RunManifest m = run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}} (v2)", 200)));

    assertThat(server.received()).hasSize(sent);
    assertThat(m.teacherCalls().requestsSent()).isZero();
    assertThat(m.teacherCalls().cacheHits()).isGreaterThanOrEqualTo(16);
    assertThat(records()).hasSize(12).allSatisfy(r ->
        assertThat(((CommonsenseTriple) r.knowledge()).tail()).endsWith("(v2)"));
    // The old outputs were moved aside, not mixed in.
    assertThat(Files.list(out.resolve("previous")).count()).isEqualTo(1);
  }

  @Test
  void raisingMaxTokensResendsOnlyTheCutReplies() throws IOException {
    run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200)));
    int sent = server.received().size();

    RunManifest m = run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 400)));

    List<FakeTeacherServer.Received> resent = server.received().subList(sent, server.received().size());
    assertThat(resent).hasSize(4).allSatisfy(r -> assertThat(r.lastUser()).contains("haircut"));
    assertThat(m.counts().requestsFailed()).isEqualTo(4);
    Set<String> heads = records().stream().map(r -> ((CommonsenseTriple) r.knowledge()).head())
        .collect(Collectors.toSet());
    assertThat(heads).contains("PersonX gets a haircut");
  }

  @Test
  void loweringMaxTokensThenRestoringItResendsNothingThatWasComplete() throws IOException {
    // Every complete reply is 7 tokens long: a limit under that cuts it.
    server.script(r -> r.body().path("max_tokens").asInt(
        r.body().path("max_completion_tokens").asInt()) < 7
        ? new FakeTeacherServer.Reply.Ok("1. to be cu", "length", true, 0) : RunFixtures.script(r));
    run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200)));
    int first = server.received().size();

    run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 5)));
    int lowered = server.received().size() - first;
    assertThat(lowered).isPositive(); // complete replies of 7 tokens do not fit in 5

    RunManifest restored = run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200)));
    // The limit restored: the complete replies answer again, and so do the ones cut at 200.
    assertThat(server.received()).hasSize(first + lowered);
    assertThat(restored.status()).isEqualTo("complete");

    int before = server.received().size();
    run(RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 5)));
    // The lowered limit again: its cut replies were kept beside the complete ones.
    assertThat(server.received().size()).isEqualTo(before);
  }

  @Test
  void linesDoNotWaitForTheDatabaseTheReplyLogAlreadyKeepsTheirReplies() throws Exception {
    Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
    Files.writeString(seeds, String.join("\n", "{\"event\": \"PersonX pays the bill\"}",
        "{\"event\": \"PersonX walks the dog\"}", "{\"event\": \"PersonX bakes bread\"}",
        "{\"event\": \"PersonX reads a book\"}", ""));
    Path cacheDir = out.resolve("cache");
    org.distill4j.teacher.cache.ReplyCache.open(cacheDir).close();
    java.util.concurrent.CompletableFuture<RunManifest> running;
    Path generated = out.resolve("generated.jsonl");
    try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:"
        + cacheDir.resolve(org.distill4j.teacher.cache.ReplyCache.FILE_NAME));
        java.sql.Statement st = other.createStatement()) {
      // Another connection holds the database's write lock: the cache cannot commit meanwhile
      // (it waits up to 10 s for the lock). Records still reach the file: each reply was in the
      // cache's log, safe from a kill, before its worker went on.
      st.execute("BEGIN IMMEDIATE");
      running = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(recipe));
      long deadline = System.nanoTime() + 8_000_000_000L;
      while ((!Files.exists(generated) || Files.size(generated) == 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(Files.exists(generated) ? Files.size(generated) : 0L).isPositive();
      try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM replies")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      try (java.util.stream.Stream<Path> logs = Files.list(cacheDir)) {
        assertThat(logs.filter(p -> p.getFileName().toString().endsWith(".log"))
            .mapToLong(p -> p.toFile().length()).sum()).isPositive();
      }
      st.execute("ROLLBACK");
    }
    RunManifest m = running.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(m.status()).isEqualTo("complete");
    assertThat(records()).hasSize((int) m.counts().records()).isNotEmpty();
  }
}
