package org.distill4j.pipeline.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's cost covers every invocation of a resumed run, not only the last one. */
class ReportCostTest {
  @TempDir Path dir;

  private String render(ReportInputs.Prices prices) {
    return new ReportWriter().render(new ReportInputs("cost", dir.resolve("manifest.json"), null,
        null, null, null, null, prices, Map.of()));
  }

  @Test
  void costUsesTheLedgerTotalsOfEveryInvocation() throws Exception {
    // The manifest of the last invocation: 1,000 tokens in, 100 out.
    Files.writeString(dir.resolve("manifest.json"), "{\"runId\":\"r\",\"status\":\"complete\","
        + "\"tokens\":{\"input\":1000,\"output\":100,\"repliesWithoutUsage\":0}}");
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

    String html = render(new ReportInputs.Prices("EUR", 1.0, 2.0));

    // 4,000 in and 400 out: 4.0 + 0.8 = 4.8 EUR in all, where the manifest alone gives 1.2.
    assertThat(html).contains("4,000").contains("400").contains("4.8000")
        .contains("cost estimate (EUR)");
  }

  @Test
  void aRunWithoutLedgerSaysItShowsTheLastInvocationOnly() throws Exception {
    Files.writeString(dir.resolve("manifest.json"), "{\"runId\":\"r\",\"status\":\"complete\","
        + "\"tokens\":{\"input\":1000,\"output\":100,\"repliesWithoutUsage\":0}}");
    assertThat(render(new ReportInputs.Prices("EUR", 1.0, 2.0)))
        .contains("last invocation only").contains("1.2000");
  }
}
