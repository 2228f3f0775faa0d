package org.distill4j.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.distill4j.cli.CommandRun;
import org.distill4j.cli.ListingTeacher;
import org.distill4j.core.io.CorpusJson;
import org.distill4j.teacher.testing.BatchTeacherServer;
import org.distill4j.teacher.testing.BatchTeacherServer.Answer;
import org.distill4j.teacher.testing.BatchTeacherServer.Dialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code distill generate --batch}: the flag, its refusal, its progress and its summary. */
class GenerateBatchIT {
  @TempDir Path dir;

  private static Answer listing(JsonNode body) {
    return Answer.of("1. to help\n2. to be kind");
  }

  @Test
  void aBatchRunThroughAnOpenAiCompatibleServerShowsItsJobsAndSendsNothingOneByOne()
      throws IOException {
    Path seeds = Files.writeString(dir.resolve("events.txt"),
        "PersonX pays the bill\nPersonX walks the dog\n");
    Path out = dir.resolve("run");
    try (BatchTeacherServer server = new BatchTeacherServer(Dialect.OPENAI, null,
        GenerateBatchIT::listing)) {
      List<String> args = new ArrayList<>(Arrays.asList(
          ListingTeacher.generateArgs(seeds, out, 0)));
      args.set(args.indexOf("--base-url") + 1, server.baseUrl());
      args.set(args.indexOf("--progress") + 1, "lines");
      args.addAll(List.of("--batch", "--batch-poll", "0.01"));

      CommandRun run = CommandRun.of(args.toArray(String[]::new));

      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(server.jobsCreated()).isEqualTo(1);
      assertThat(server.syncCalls()).isZero();
      assertThat(run.err()).contains("generate: batch 1/? submitted 0/")
          .containsPattern("generate: batch 1/1 completed (\\d+)/\\1 done, 0 failed");
      assertThat(run.out()).containsPattern("batch: 1 jobs, (\\d+) requests submitted, \\1"
          + " answered, 0 left unanswered; tokens in/out \\d+/\\d+")
          .contains("teacher: 0 requests sent");
      JsonNode manifest = CorpusJson.json().readTree(out.resolve("manifest.json").toFile());
      assertThat(manifest.path("batch").path("batchRequests").asLong()).isPositive();
      assertThat(out.resolve("batches.json")).exists();
    }
  }

  @Test
  void aTeacherWithoutABatchApiIsRefusedNamingThoseWithOne() throws IOException {
    Path seeds = Files.writeString(dir.resolve("events.txt"), "PersonX pays the bill\n");
    Path out = dir.resolve("run");
    CommandRun run = CommandRun.of("generate", "--recipe", ListingTeacher.ATOMIC.toString(),
        "--seeds", seeds.toString(), "--field", "event=0", "--teacher", "ollama", "--model",
        "llama3.2", "--base-url", "http://127.0.0.1:9", "--out", out.toString(), "--batch");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains("teacher \"ollama\" has no batch API; --batch works with"
        + " openai and anthropic").doesNotContain("\tat ");
    assertThat(out).doesNotExist();
  }

  @Test
  void aCostLimitIsKeptBeforeSubmittingAndTheBatchIsPricedAtTheBatchPrice() throws IOException {
    Path seeds = Files.writeString(dir.resolve("events.txt"),
        "PersonX pays the bill\nPersonX walks the dog\n");
    Path prices = Files.writeString(dir.resolve("prices.yaml"), """
        currency: USD
        batch_discount: 0.5
        models:
          - {provider: openai, model: m, input: 1000, output: 1000}
        """);
    Path out = dir.resolve("run");
    try (BatchTeacherServer server = new BatchTeacherServer(Dialect.OPENAI, null,
        GenerateBatchIT::listing)) {
      List<String> args = new ArrayList<>(Arrays.asList(
          ListingTeacher.generateArgs(seeds, out, 0)));
      args.set(args.indexOf("--base-url") + 1, server.baseUrl());
      args.addAll(List.of("--batch", "--batch-poll", "0.01", "--prices", prices.toString()));

      CommandRun dry = CommandRun.of(with(args, "--dry-run"));
      assertThat(dry.exitCode()).as(dry.err()).isZero();
      assertThat(dry.out()).contains("priced at the batch price (--batch)")
          .contains("batch API: 500.0 in, 500.0 out per million tokens")
          .contains("requests the batch jobs leave unanswered");

      // A prompt may cost up to 200 completion tokens at 500 per million: 0.1 > 0.05.
      CommandRun held = CommandRun.of(with(args, "--max-cost", "0.05"));
      assertThat(held.exitCode()).as(held.err()).isEqualTo(3);
      assertThat(held.err()).contains("requests held back from the batch jobs")
          .contains("--max-cost");
      assertThat(held.out()).containsPattern("batch: 0 jobs, 0 requests submitted, 0 answered,"
          + " 0 left unanswered, (\\d+) held back by --max-cost");
      assertThat(server.jobsCreated()).isZero();

      CommandRun done = CommandRun.of(with(args, "--max-cost", "100"));
      assertThat(done.exitCode()).as(done.err()).isZero();
      assertThat(done.out()).contains("of it batch answers at the batch price")
          .contains("teacher: 0 requests sent");
      assertThat(server.jobsCreated()).isEqualTo(1);
      assertThat(server.syncCalls()).isZero();
    }
  }

  private static String[] with(List<String> args, String... more) {
    List<String> all = new ArrayList<>(args);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void helpDescribesTheBatch() {
    CommandRun help = CommandRun.of("generate", "--help");
    assertThat(help.out()).contains("--batch").contains("--batch-poll")
        .contains("--batch sends the run through the teacher's batch API first")
        .contains("--max-cost with --batch: a submitted job cannot be stopped midway");
  }
}
