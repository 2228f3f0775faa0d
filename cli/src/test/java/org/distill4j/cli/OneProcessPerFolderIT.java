package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.core.corpus.CorpusRecord;
import org.distill4j.core.corpus.Provenance;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.core.knowledge.CommonsenseTriple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code distill generate} in a child JVM holds its run folder; every folder-writing
 * command started meanwhile exits 1 naming its PID, and after {@code kill -9} the folder is free.
 */
class OneProcessPerFolderIT {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hang = true;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      try {
        if (hang) {
          release.await();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ListingTeacher.answer(ex);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private String[] generate(Path seeds, Path out) {
    return ListingTeacher.generateArgs(seeds, out, server.getAddress().getPort());
  }

  @Test
  void everyWritingCommandIsRefusedWhileAnotherProcessHoldsTheFolder() throws Exception {
    Path seeds = Files.writeString(dir.resolve("events.txt"), "PersonX pays the bill\n");
    Path out = dir.resolve("run");
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(generate(seeds, out)));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      // The child sends only after it holds the folder; its requests hang until released.
      long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (requests.get() == 0 && child.isAlive() && System.nanoTime() < giveUp) {
        Thread.sleep(20);
      }
      assertThat(child.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();
      assertThat(requests.get()).isPositive();
      String pid = "PID " + child.pid();

      // Short deadlines: where the folder is not locked (older versions) this ends, and fails.
      List<String> secondArgs = new java.util.ArrayList<>(List.of(generate(seeds, out)));
      secondArgs.addAll(List.of("--timeout", "3", "--max-attempts", "1"));
      CommandRun second = CommandRun.of(secondArgs.toArray(String[]::new));
      assertThat(second.exitCode()).as(second.err()).isEqualTo(1);
      assertThat(second.err()).contains(pid).contains("wait for it to finish or stop it")
          .doesNotContain("\tat ");

      Path chain = Files.writeString(dir.resolve("f.yaml"), "filters:\n  - type: length\n");
      Path corpus = corpus();
      CommandRun filter = CommandRun.of("filter", "--in", corpus.toString(), "--filters",
          chain.toString(), "--out", out.toString());
      assertThat(filter.exitCode()).as(filter.err()).isEqualTo(1);
      assertThat(filter.err()).contains(pid);

      Path pipeline = Files.writeString(dir.resolve("p.yaml"), """
          name: locked
          run_dir: run
          teacher: {provider: openai, model: m, base_url: "http://127.0.0.1:%d/v1"}
          generate: {recipe: %s, seeds: events.txt, fields: [event=0]}
          """.formatted(server.getAddress().getPort(), ListingTeacher.ATOMIC));
      CommandRun run = CommandRun.of("run", pipeline.toString(), "--progress", "none");
      assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
      assertThat(run.err()).contains(pid);

      Path train = Files.writeString(dir.resolve("t.yaml"), "train: corpus.jsonl\nout: run\n"
          + "device: cpu\nepochs: 1\n");
      CommandRun trained = CommandRun.of("train", "--config", train.toString());
      assertThat(trained.exitCode()).as(trained.err()).isEqualTo(1);
      assertThat(trained.err()).contains(pid);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    // kill -9 left the lock file; the kernel dropped the lock with the process.
    hang = false;
    release.countDown();
    CommandRun resumed = CommandRun.of(generate(seeds, out));
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("complete:");
  }

  private Path corpus() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      lines.append(CorpusJson.json().writeValueAsString(CorpusRecord.of(new CommonsenseTriple(
          "PersonX acts " + i, "xWant", "to rest " + i), Provenance.imported("test")))).append('\n');
    }
    return Files.writeString(dir.resolve("corpus.jsonl"), lines);
  }
}
