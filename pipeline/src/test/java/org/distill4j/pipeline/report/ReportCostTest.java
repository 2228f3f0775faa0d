package org.distill4j.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.distill4j.teacher.price.PriceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report's cost covers every invocation of a resumed run, not only the last one; each shows
 * its projection beside its spend; an unknown price is unknown, never 0.
 */
class ReportCostTest {
  private static final String MANIFEST = "{\"runId\":\"r\",\"status\":\"complete\","
      + "\"teacher\":{\"provider\":\"openai\",\"model\":\"%s\"},"
      + "\"tokens\":{\"input\":1000,\"output\":100,\"repliesWithoutUsage\":0}}";

  @TempDir Path dir;

  private PriceTable prices() throws Exception {
    // 1 EUR per 1,000 prompt tokens and 2 per 1,000 completion tokens.
    return PriceTable.withUserFile(Files.writeString(dir.resolve("prices.yaml"), """
        currency: EUR
        models:
          - {provider: openai, model: m, input: 1000, output: 2000}
        """));
  }

  private String render(PriceTable prices) {
    return new ReportWriter().render(new ReportInputs("cost", dir.resolve("manifest.json"), null,
        null, null, null, null, prices, Map.of()));
  }

  @Test
  void costUsesTheLedgerTotalsOfEveryInvocation() throws Exception {
    // The manifest of the last invocation: 1,000 tokens in, 100 out.
    Files.writeString(dir.resolve("manifest.json"), MANIFEST.formatted("m"));
    String first = "{\"invocation\":\"a\",\"runId\":\"r\",\"status\":\"%s\","
        + "\"startedAt\":\"2026-01-01T00:00:00Z\",\"at\":\"2026-01-01T00:01:00Z\","
        + "\"requestsSent\":%d,\"retries\":1,\"cacheHits\":0,\"inputTokens\":%d,"
        + "\"outputTokens\":%d,\"repliesWithUsage\":5,\"repliesWithoutUsage\":0}\n";
    String second = first.replace("\"a\"", "\"b\"");
    Files.writeString(dir.resolve("ledger.jsonl"),
        first.formatted("running", 4, 800, 80)
            // the killed invocation's last checkpoint counts, not its first
            + first.formatted("running", 9, 3000, 300)
            + second.formatted("complete", 5, 1000, 100)
            + "{\"invocation\":\"b\",\"runId\":\"r\",\"stat");

    String html = render(prices());

    // 4,000 in and 400 out: 4.0 + 0.8 = 4.8 EUR in all, where the manifest alone gives 1.2.
    assertThat(html).contains("4,000").contains("400").contains("4.80 EUR")
        .contains("3.60 EUR").contains("1.20 EUR").contains("projected at start")
        .contains("Price: openai/m: 1000.0 in, 2000.0 out per million tokens (EUR)");
  }

  @Test
  void aRecordedCostAndProjectionAreShownAsTheRunWroteThem() throws Exception {
    Files.writeString(dir.resolve("manifest.json"), MANIFEST.formatted("m"));
    Files.writeString(dir.resolve("ledger.jsonl"), "{\"invocation\":\"a\",\"runId\":\"r\","
        + "\"status\":\"stopped\",\"startedAt\":\"2026-01-01T00:00:00Z\","
        + "\"at\":\"2026-01-01T00:01:00Z\",\"requestsSent\":4,\"retries\":0,\"cacheHits\":0,"
        + "\"inputTokens\":200,\"outputTokens\":36,\"repliesWithUsage\":4,"
        + "\"repliesWithoutUsage\":0,\"cost\":2.36,\"currency\":\"USD\","
        + "\"projected\":{\"requests\":21,\"cached\":0,\"counting\":\"x\",\"exactCounting\":true,"
        + "\"inputTokens\":1000,\"cost\":{\"currency\":\"USD\",\"price\":\"p\",\"input\":1.0,"
        + "\"upper\":9.5,\"typical\":3.25}}}\n");

    String html = render(prices());

    assertThat(html).contains("2.36 USD").contains("typically 3.25 USD, at most 9.50 USD");
  }

  @Test
  void anUnknownPriceIsUnknownNeverZero() throws Exception {
    Files.writeString(dir.resolve("manifest.json"), MANIFEST.formatted("local-model"));
    Files.writeString(dir.resolve("ledger.jsonl"), "{\"invocation\":\"a\",\"runId\":\"r\","
        + "\"status\":\"complete\",\"startedAt\":\"2026-01-01T00:00:00Z\","
        + "\"at\":\"2026-01-01T00:01:00Z\",\"requestsSent\":4,\"retries\":0,\"cacheHits\":0,"
        + "\"inputTokens\":200,\"outputTokens\":36,\"repliesWithUsage\":4,"
        + "\"repliesWithoutUsage\":0}\n");

    String html = render(prices());

    assertThat(html).contains("unknown").contains("Cost unknown")
        .doesNotContain("0.00 EUR").doesNotContain("0.00 USD");
  }

  @Test
  void aRunWithoutLedgerSaysItShowsTheLastInvocationOnly() throws Exception {
    Files.writeString(dir.resolve("manifest.json"), MANIFEST.formatted("m"));
    assertThat(render(prices())).contains("last invocation only").contains("1.20 EUR");
  }

  @Test
  void batchAnswersAreShownApartAtTheBatchPrice() throws Exception {
    Files.writeString(dir.resolve("manifest.json"), MANIFEST.formatted("m"));
    // One invocation with its cost recorded (2 EUR, 0.5 of it batch answers), one written
    // before costs were: its 1,000 batch prompt tokens and 100 completion tokens are priced at
    // the batch price (half the list price here), 0.6 EUR, and its 100 + 10 synchronous tokens
    // at the list price, 0.12 EUR.
    String line = "{\"invocation\":\"%s\",\"runId\":\"r\",\"status\":\"complete\","
        + "\"startedAt\":\"2026-01-01T00:00:00Z\",\"at\":\"2026-01-01T00:01:00Z\","
        + "\"requestsSent\":1,\"retries\":0,\"cacheHits\":10,\"inputTokens\":100,"
        + "\"outputTokens\":10,\"repliesWithUsage\":1,\"repliesWithoutUsage\":0,"
        + "\"batchRequests\":10,\"batchTokensIn\":1000,\"batchTokensOut\":100,"
        + "\"batchFailed\":0%s}\n";
    Files.writeString(dir.resolve("ledger.jsonl"),
        line.formatted("a", ",\"cost\":2.0,\"currency\":\"EUR\",\"batchCost\":0.5")
            + line.formatted("b", ""));

    String html = render(PriceTable.withUserFile(Files.writeString(dir.resolve("batch.yaml"), """
        currency: EUR
        batch_discount: 0.5
        models:
          - {provider: openai, model: m, input: 1000, output: 2000}
        """)));

    assertThat(html).contains("batch answers").contains("of the spend, batch")
        .contains("1,000 / 100").contains("0.5000 EUR").contains("0.6000 EUR")
        .contains("0.7200 EUR").contains("2.72 EUR").contains("1.10 EUR")
        .contains("billed at the batch price");
  }
}
