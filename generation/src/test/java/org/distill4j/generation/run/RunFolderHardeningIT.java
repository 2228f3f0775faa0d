package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.InputException;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.Teacher;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.distill4j.teacher.testing.FakeTeacherServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder against what goes wrong around it: resumes (the ledger), keys echoed or refused
 * by the server, bad inputs, and folders left inconsistent by older versions.
 */
class RunFolderHardeningIT {
  private static final String KEY = "sk-test-SECRET-0123456789";

  @TempDir Path dir;
  private FakeTeacherServer server;
  private Path seeds;
  private Path out;
  private Path recipe;

  @BeforeEach
  void setUp() throws IOException {
    server = new FakeTeacherServer(RunFixtures::script);
    seeds = dir.resolve("seeds.jsonl");
    StringBuilder rows = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      rows.append("{\"event\": \"PersonX does thing ").append(i).append("\"}\n");
    }
    Files.writeString(seeds, rows);
    out = dir.resolve("run");
    recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private RunManifest run(Path seedFile) {
    GenerationSettings s = RunFixtures.settings(recipe, seedFile, server.baseUrl(), out, 4);
    Teacher teacher = new ChatModelFactory(env -> KEY).teacher(s.teacher());
    return new GenerationRun(s, teacher, null).run();
  }

  private static String error(String body) {
    return "{\"error\":{\"message\":\"" + body + "\"}}";
  }

  @Test
  void aRefusedKeyStopsTheRunEarlyAndTheLedgerAddsUpOverTheResume() throws IOException {
    server.script(r -> new Reply.Error(401, Map.of(),
        error("Incorrect API key provided: " + KEY)));
    // 20 seeds x 2 relations x 2 samples = 80 requests; 4 in flight at most.
    assertThatThrownBy(() -> run(seeds))
        .isInstanceOf(TeacherKeyRefusedException.class)
        .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("run the same command again")
        .hasMessageNotContaining(KEY);
    int refused = server.received().size();
    assertThat(refused).isBetween(1, 8);
    assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"failed\"")
        .doesNotContain(KEY);

    server.script(RunFixtures::script);
    RunManifest m = run(seeds);

    assertThat(m.status()).isEqualTo("complete");
    assertThat(m.counts().requests()).isEqualTo(80);
    assertThat(m.counts().requestsFailed()).isZero();
    assertThat(m.failuresByCategory()).doesNotContainKey("auth");
    RunLedger.Totals totals = m.allInvocations();
    assertThat(totals.invocations()).isEqualTo(2);
    // The teacher's own count: every request it received, refused ones included.
    assertThat(totals.requestsSent()).isEqualTo(server.received().size());
    assertThat(totals.requestsSent()).isEqualTo(refused + m.teacherCalls().requestsSent());
    // Only the 80 answered replies carried usage: 11 prompt and 7 completion tokens each.
    assertThat(totals.inputTokens()).isEqualTo(11L * 80);
    assertThat(totals.outputTokens()).isEqualTo(7L * 80);
  }

  @Test
  void aKeyEchoedByTheServerIsWrittenNowhere() throws IOException {
    server.script(r -> {
      String user = r.lastUser();
      if (user.contains("thing 1\n")) {
        return new Reply.Error(400, Map.of(), error("bad request from key " + KEY
            + " (Authorization: Bearer " + KEY + ")"));
      }
      if (user.contains("thing 2\n")) {
        return new Reply.Error(500, Map.of(), error("upstream saw x-api-key: " + KEY));
      }
      if (user.contains("thing 3\n")) {
        return FakeTeacherServer.ok("1. to send the key " + KEY + "\n2. to say sorry\n");
      }
      if (user.contains("thing 4\n")) {
        return FakeTeacherServer.ok("Sure! Authorization: Bearer " + KEY);
      }
      return RunFixtures.script(r);
    });
    RunManifest m = run(seeds);

    assertThat(m.status()).isEqualTo("complete");
    assertThat(m.failuresByCategory()).containsKeys("client_error", "server_error");
    assertThat(Files.readString(out.resolve("generated.jsonl"))).contains("to send the key");
    String failures = Files.readString(out.resolve("failures.jsonl"));
    assertThat(failures).contains("[REDACTED]").doesNotContain(KEY).doesNotContain("SECRET");
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile)
          .filter(f -> !f.toString().contains("cache")).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY);
      }
    }
  }

  @Test
  void badSeedsLeaveAnEarlierRunFolderByteIdentical() throws IOException {
    run(seeds);
    Map<String, String> before = snapshot(out);

    assertThatThrownBy(() -> run(dir.resolve("missing.jsonl")))
        .isInstanceOf(InputException.class).hasMessageContaining("missing.jsonl");

    assertThat(snapshot(out)).isEqualTo(before);
    assertThat(out.resolve("previous")).doesNotExist();
  }

  @Test
  void outputsThatDoNotAddUpAreRebuiltFromTheCacheNotFailedOnEveryRerun() throws IOException {
    RunManifest first = run(seeds);
    int sent = server.received().size();
    Path generated = out.resolve("generated.jsonl");
    String good = Files.readString(generated);
    // What an older version could leave: a record written twice under another id.
    String line = good.lines().findFirst().orElseThrow();
    Files.writeString(generated, good + line.replaceFirst("\"id\" ?: ?\"[^\"]+\"",
        "\"id\":\"older-duplicate\"") + "\n");

    RunManifest again = run(seeds);

    assertThat(again.status()).isEqualTo("complete");
    assertThat(again.notes()).singleElement().asString().contains("rebuilt");
    assertThat(server.received()).hasSize(sent);
    assertThat(ids(generated)).isEqualTo(ids(good));
    assertThat(again.counts().records()).isEqualTo(first.counts().records());
    assertThat(run(seeds).notes()).isNull();
  }

  @Test
  void anUnreadableManifestIsSetAsideAndTheRunRebuiltFromTheCache() throws IOException {
    RunManifest first = run(seeds);
    int sent = server.received().size();
    String good = Files.readString(out.resolve("generated.jsonl"));
    for (String broken : List.of("{\"runId\": \"20250101-",
        "{\"runId\": \"x\", \"fieldOfAnOlderVersion\": 1}")) {
      Files.writeString(out.resolve("manifest.json"), broken);

      RunManifest again = run(seeds);

      assertThat(again.status()).isEqualTo("complete");
      assertThat(again.notes()).singleElement().asString().contains("manifest.json was unreadable");
      assertThat(server.received()).hasSize(sent);
      assertThat(again.counts().records()).isEqualTo(first.counts().records());
      assertThat(ids(out.resolve("generated.jsonl"))).isEqualTo(ids(good));
    }
  }

  /** The record ids, sorted: a rebuild writes them in another order and at another time. */
  private static List<String> ids(String jsonl) {
    return jsonl.lines().map(l -> l.replaceFirst("^\\{\"id\":\"([^\"]+)\".*$", "$1")).sorted()
        .toList();
  }

  private static List<String> ids(Path file) throws IOException {
    return ids(Files.readString(file));
  }

  private static Map<String, String> snapshot(Path root) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.toList()) {
        m.put(root.relativize(f).toString(), Files.isRegularFile(f)
            ? Sha256.hex(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            : "dir");
      }
    }
    return m;
  }
}
