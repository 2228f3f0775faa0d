package org.distill4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.generation.run.RunLedger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped (SIGTERM), resumed, killed ({@code kill -9}) and resumed again: the ledger's
 * totals are what the teacher itself counted, though each manifest shows one invocation.
 */
class LedgerAcrossKillsIT {
  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger received = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  /** Replies the server still gives; after that every request hangs until the test ends. */
  private final AtomicInteger budget = new AtomicInteger();
  private final CountDownLatch end = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", ex -> {
      ex.getRequestBody().readAllBytes();
      received.incrementAndGet();
      if (budget.getAndDecrement() <= 0) {
        try {
          end.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ex.close();
        return;
      }
      answered.incrementAndGet();
      ListingTeacher.answer(ex);
    });
    server.start();
  }

  @AfterEach
  void stop() {
    end.countDown();
    server.stop(0);
  }

  private String[] generate(Path seeds, Path out) {
    return ListingTeacher.generateArgs(seeds, out, server.getAddress().getPort());
  }

  /**
   * Runs generate in a child JVM until the teacher has answered {@code replies} more requests and
   * holds the next two, waits until the ledger has caught up with the teacher's count, then stops
   * the child: SIGTERM when {@code gently}, else SIGKILL.
   */
  private void runAndStop(String[] args, Path ledger, int replies, boolean gently)
      throws Exception {
    int target = received.get() + replies + 2;
    budget.set(replies);
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      // A guard against hanging the build, not a timing assertion: a busy machine takes seconds.
      long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (child.isAlive() && System.nanoTime() < giveUp && (received.get() < target
          || !Files.exists(ledger) || new RunLedger(ledger).totals().requestsSent() < target)) {
        Thread.sleep(50);
      }
      assertThat(child.isAlive()).as(Files.readString(dir.resolve("child.log"))).isTrue();
      assertThat(received.get()).isEqualTo(target);
      assertThat(new RunLedger(ledger).totals().requestsSent()).isEqualTo(target);
    } finally {
      if (gently) {
        child.destroy();
      } else {
        child.destroyForcibly();
      }
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void theLedgerTotalsEqualTheTeachersOwnCountsAcrossAStopAndAKill() throws Exception {
    Path seeds = Files.writeString(dir.resolve("events.txt"),
        "PersonX pays the bill\nPersonX walks the dog\nPersonX bakes bread\n");
    Path out = dir.resolve("run");
    Path ledger = out.resolve(RunLedger.FILE);
    String[] args = generate(seeds, out);

    runAndStop(args, ledger, 5, true);
    List<RunLedger.Entry> afterStop = new RunLedger(ledger).invocations();
    assertThat(afterStop).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo("stopped");
      assertThat(e.requestsSent()).isEqualTo(7);
      assertThat(e.inputTokens()).isEqualTo(5 * 50);
    });
    runAndStop(args, ledger, 6, false);

    budget.set(Integer.MAX_VALUE);
    CommandRun last = CommandRun.of(args);
    assertThat(last.exitCode()).as(last.err()).isZero();
    assertThat(last.out()).contains("complete: 3 seeds").contains("all 3 invocations of this run");

    RunLedger.Totals totals = new RunLedger(ledger).totals();
    assertThat(totals.invocations()).isEqualTo(3);
    assertThat(totals.requestsSent()).isEqualTo(received.get());
    assertThat(totals.inputTokens()).isEqualTo(50L * answered.get());
    assertThat(totals.outputTokens()).isEqualTo(9L * answered.get());
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertThat(manifest).contains("\"allInvocations\"")
        .contains("\"requestsSent\" : " + received.get());
  }
}
