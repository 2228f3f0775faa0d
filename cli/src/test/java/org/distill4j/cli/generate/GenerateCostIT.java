package org.distill4j.cli.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.distill4j.cli.CommandRun;
import org.distill4j.cli.options.ExitCodes;
import org.distill4j.core.io.CorpusJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-cost}, {@code --prices} and the dry run's projection against a teacher on
 * 127.0.0.1 that reports 50 prompt and 9 completion tokens per reply. At the test price of
 * 10,000 per million tokens each reply costs 0.59.
 */
class GenerateCostIT {
  private static final Path ATOMIC = Path.of("..", "prompts", "commonsense-atomic.yaml");

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<String> asked = ConcurrentHashMap.newKeySet();
  private Path seeds;
  private Path prices;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      JsonNode body = CorpusJson.json().readTree(ex.getRequestBody().readAllBytes());
      requests.incrementAndGet();
      asked.add(body.path("messages").toString() + body.path("seed").asText());
      byte[] reply = ("{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\","
          + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
          + "\"1. to help\\n2. to be kind\"},\"finish_reason\":\"stop\"}],"
          + "\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":9,\"total_tokens\":59}}")
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, reply.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(reply);
      }
    });
    server.start();
    seeds = Files.writeString(dir.resolve("events.txt"),
        "PersonX pays the bill\nPersonX walks the dog\nPersonX bakes bread\n");
    prices = Files.writeString(dir.resolve("prices.yaml"), """
        currency: USD
        models:
          - {provider: openai, model: m, input: 10000, output: 10000}
        """);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String[] args(String model, String... more) {
    List<String> a = new ArrayList<>(List.of("generate", "--recipe", ATOMIC.toString(),
        "--seeds", seeds.toString(), "--field", "event=0", "--teacher", "openai", "--model",
        model, "--base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        "--out", dir.resolve("run").toString(), "--samples", "1", "--concurrency", "1",
        "--progress", "none"));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  @Test
  void theDryRunSaysUnknownForAModelWithoutAPriceNeverZero() {
    CommandRun dry = CommandRun.of(args("Qwen2.5-7B-Instruct", "--dry-run"));

    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("-> 21 requests; nothing was sent")
        .contains("cost: unknown (no price for openai/Qwen2.5-7B-Instruct; add it with --prices)")
        .contains("~").contains("estimate: characters / 4")
        .doesNotContain("0.00 USD");
    assertThat(requests.get()).isZero();
  }

  @Test
  void theDryRunOfAShippedModelCountsWithItsEncodingAndPricesBothBounds() {
    CommandRun dry = CommandRun.of(args("gpt-4o-mini", "--dry-run"));

    assertThat(dry.exitCode()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("o200k_base (jtokkit)")
        .containsPattern("output tokens: at most [0-9,]+ \\(max_tokens [0-9]+ x 21 requests\\)")
        .containsPattern("cost: at most [0-9.]+ USD; no typical estimate; prompts alone")
        .contains("price: openai/gpt-4o-mini: 0.15 in, 0.6 out per million tokens (USD)")
        .contains("shipped price table");
  }

  @Test
  void aLimitOnAnUnknownPriceIsRefusedBeforeAnythingIsSent() {
    CommandRun refused = CommandRun.of(args("Qwen2.5-7B-Instruct", "--max-cost", "1"));

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(refused.err()).contains("--max-cost cannot limit this run")
        .contains("no price for openai/Qwen2.5-7B-Instruct");
    assertThat(requests.get()).isZero();
    assertThat(dir.resolve("run")).doesNotExist();
  }

  @Test
  void stopsAtTheLimitWithExitThreeAndAHigherLimitSendsOnlyTheRest() throws IOException {
    // 3 seeds x 7 relations = 21 requests at 0.59 each; 2.00 is reached by the fourth reply.
    CommandRun stopped = CommandRun.of(args("m", "--prices", prices.toString(),
        "--max-cost", "2"));

    assertThat(stopped.exitCode()).as(stopped.err()).isEqualTo(ExitCodes.STOPPED).isEqualTo(3);
    assertThat(requests.get()).isEqualTo(4);
    assertThat(stopped.err()).contains("stopped: generation stopped: max cost reached (spent"
        + " 2.36 USD of 2.00 USD when sending stopped); 17 requests were not sent")
        .contains("higher --max-cost to continue").doesNotContain("\tat ");
    assertThat(stopped.out()).contains("stopped: 3 seeds (0 unusable) -> 4 requests: 4 ok,"
        + " 0 failed (0 resumed), 17 skipped (not sent); ")
        .contains("cost: 2.36 USD this invocation, 2.36 USD all invocations (limit 2.00 USD)");
    JsonNode m = CorpusJson.json().readTree(dir.resolve("run/manifest.json").toFile());
    assertThat(m.path("status").asText()).isEqualTo("stopped");
    assertThat(m.path("stopped").asText()).startsWith("max cost reached");
    JsonNode c = m.path("counts");
    assertThat(c.path("requests").asLong() + c.path("requestsSkipped").asLong()).isEqualTo(21);
    assertThat(Files.readAllLines(dir.resolve("run/generated.jsonl")))
        .hasSize(c.path("records").asInt()).hasSizeGreaterThanOrEqualTo(4);
    assertThat(m.path("cost").path("spent").asDouble()).isCloseTo(2.36, within(1e-9));
    assertThat(m.path("cost").path("projected").path("requests").asLong()).isEqualTo(21);

    CommandRun finished = CommandRun.of(args("m", "--prices", prices.toString(),
        "--max-cost", "100"));

    assertThat(finished.exitCode()).as(finished.err()).isZero();
    assertThat(requests.get()).isEqualTo(21);
    assertThat(asked).hasSize(21);
    assertThat(finished.out()).contains("complete: 3 seeds (0 unusable) -> 21 requests: 21 ok")
        .contains("(4 resumed)")
        .contains("cost: 10.03 USD this invocation, 12.39 USD all invocations");
  }
}
