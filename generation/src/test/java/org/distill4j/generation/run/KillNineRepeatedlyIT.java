package org.distill4j.generation.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.hash.Sha256;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.ChatModelFactory;
import org.distill4j.teacher.testing.FakeTeacherServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run in a child JVM killed with SIGKILL at several random moments against an instant teacher
 * that logs the hash of every request it answers, resumed after each kill, then finished.
 *
 * <p>A reply the teacher wrote may still have been unread, or half-parsed, when the kill came:
 * those requests were in flight, and asking them again is fair. Everything else had reached the
 * reply cache before its worker took another request. So after each kill at most {@code
 * concurrency} answered requests are asked again; before replies were logged, the ones waiting
 * for their batch commit (up to 10 ms of replies) were asked again too.
 */
class KillNineRepeatedlyIT {
  private static final int CONCURRENCY = 8;
  private static final int KILLS = 6;

  @TempDir Path dir;

  /** One request as the teacher saw it: which child sent it and what it asked. */
  private record Asked(int invocation, String hash) {}

  @Test
  void afterEachKillAtMostTheRequestsInFlightAreAskedAgainAndTheRecordsMatchACleanRun()
      throws Exception {
    List<Asked> asked = new CopyOnWriteArrayList<>();
    AtomicInteger invocation = new AtomicInteger();
    AtomicInteger askedNow = new AtomicInteger();
    int[] killAt = new int[1];
    CountDownLatch[] reached = {new CountDownLatch(1)};
    try (FakeTeacherServer server = new FakeTeacherServer(r -> {
      asked.add(new Asked(invocation.get(), Sha256.hex(r.body().toString())));
      if (askedNow.incrementAndGet() == killAt[0]) {
        reached[0].countDown();
      }
      return RunFixtures.script(r);
    })) {
      Path recipe = RunFixtures.writeRecipe(dir, RunFixtures.recipe("{{item}}", 200));
      Path seeds = dir.resolve("seeds.jsonl");
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        events.add("{\"event\": \"PersonX does chore number " + i
            + (i % 10 == 3 ? " and fails" : "") + "\"}");
      }
      Files.write(seeds, events);
      Path killed = dir.resolve("killed");
      long seed = System.nanoTime();
      Random random = new Random(seed);
      for (int k = 0; k < KILLS; k++) {
        askedNow.set(0);
        killAt[0] = 20 + random.nextInt(80);
        reached[0] = new CountDownLatch(1);
        Process child = start(recipe, seeds, server.baseUrl(), killed, k);
        boolean hit = reached[0].await(60, TimeUnit.SECONDS);
        assertThat(hit && child.isAlive()).as("kill %d (seed %d): child alive at request %d; log:"
            + " %s", k, seed, killAt[0], log(k)).isTrue();
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        invocation.incrementAndGet();
      }
      Process last = start(recipe, seeds, server.baseUrl(), killed, KILLS);
      assertThat(last.waitFor(60, TimeUnit.SECONDS)).as("the last run finished").isTrue();
      assertThat(last.exitValue()).as("log: %s", log(KILLS)).isZero();

      Map<Integer, Integer> again = askedAgainPerKill(asked);
      System.out.println("KillNineRepeatedlyIT seed " + seed + ": asked again per kill " + again);
      assertThat(again).as("seed %d", seed)
          .allSatisfy((kill, n) -> assertThat(n).as("asked again after kill %d", kill)
              .isLessThanOrEqualTo(CONCURRENCY));

      Path clean = dir.resolve("clean");
      new GenerationRun(RunFixtures.settings(recipe, seeds, server.baseUrl(), clean, CONCURRENCY),
          new ChatModelFactory(env -> null).teacher(
              RunFixtures.settings(recipe, seeds, server.baseUrl(), clean, 4).teacher()), null).run();
      List<String> got = ids(killed.resolve(RunFolder.GENERATED));
      List<String> want = ids(clean.resolve(RunFolder.GENERATED));
      assertThat(new HashSet<>(got)).hasSize(got.size()).isEqualTo(new HashSet<>(want));
    }
  }

  /** For each kill, how many requests answered before it were asked again by a later child. */
  private static Map<Integer, Integer> askedAgainPerKill(List<Asked> asked) {
    Map<String, Integer> answeredIn = new HashMap<>();
    Map<Integer, Set<String>> again = new HashMap<>();
    for (int k = 0; k < KILLS; k++) {
      again.put(k, new HashSet<>());
    }
    for (Asked a : asked) {
      Integer before = answeredIn.get(a.hash());
      if (before != null && before < a.invocation()) {
        again.get(before).add(a.hash());
      }
      answeredIn.put(a.hash(), a.invocation());
    }
    Map<Integer, Integer> counts = new HashMap<>();
    again.forEach((k, hashes) -> counts.put(k, hashes.size()));
    return counts;
  }

  private Process start(Path recipe, Path seeds, String url, Path out, int k) throws IOException {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
        KillableRunMain.class.getName(), recipe.toString(), seeds.toString(), url, out.toString(),
        Integer.toString(CONCURRENCY))
        .redirectErrorStream(true).redirectOutput(dir.resolve("child-" + k + ".log").toFile())
        .start();
  }

  private String log(int k) throws IOException {
    Path f = dir.resolve("child-" + k + ".log");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private static List<String> ids(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        JsonNode n = CorpusJson.json().readTree(line);
        out.add(n.path("provenance").path("requestHash").asText() + "|" + n.path("id").asText());
      }
    }
    return out;
  }
}
