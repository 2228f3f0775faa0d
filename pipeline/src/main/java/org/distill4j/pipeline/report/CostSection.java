package org.distill4j.pipeline.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.generation.cost.Projection;
import org.distill4j.generation.run.RunLedger;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.teacher.price.ModelPrice;
import org.distill4j.teacher.price.Money;
import org.distill4j.teacher.price.PriceMatch;
import org.distill4j.teacher.price.PriceTable;

/**
 * The report's tokens and cost: one row per invocation of the run (from {@code ledger.jsonl}
 * beside the manifest, since a resumed run's manifest counts only its last invocation), each
 * with what it was projected to cost when it started and what it spent, and the run's total.
 * A ledger line written with its cost keeps it; an older line is priced from the table; an
 * unknown price shows as unknown, never 0.
 */
final class CostSection {
  private CostSection() {}

  static void render(HtmlPage page, Path manifest, RunManifest m, PriceTable prices) {
    PriceMatch match = m.teacher() == null ? null
        : prices.find(m.teacher().provider(), m.teacher().model()).orElse(null);
    ModelPrice price = match == null ? null : match.price();
    List<RunLedger.Entry> invocations = new RunLedger(manifest.resolveSibling(RunLedger.FILE))
        .invocations();
    if (invocations.isEmpty()) {
      lastInvocationOnly(page, m.tokens(), price);
    } else {
      ledger(page, invocations, price);
    }
    RunManifest.Cost cost = m.cost();
    if (match != null) {
      page.note("Price: " + match.describe() + ".");
    } else {
      page.note("Cost unknown: " + (cost != null && cost.unknownPrice() != null
          ? cost.unknownPrice() : "no price for this teacher") + ". Add it with a price file"
          + " (prices: in the pipeline).");
    }
    if (cost != null && cost.maxCost() != null && cost.currency() != null) {
      page.note("Cost limit for the run: " + Money.format(cost.maxCost(), cost.currency()) + ".");
    }
    if (m.stopped() != null) {
      page.note("Stopped: " + m.stopped() + ". The requests not sent are counted as skipped; a"
          + " rerun with a higher limit sends them.");
    }
  }

  private static void ledger(HtmlPage page, List<RunLedger.Entry> invocations, ModelPrice price) {
    List<List<String>> rows = new ArrayList<>();
    int n = 0;
    for (RunLedger.Entry e : invocations) {
      Double spent = RunLedger.costOf(e, price);
      rows.add(List.of(String.valueOf(++n), String.valueOf(e.startedAt()), e.status(),
          fmt(e.requestsSent()), fmt(e.retries()), fmt(e.inputTokens()), fmt(e.outputTokens()),
          projected(e.projected()), spent == null ? "unknown"
              : Money.format(spent, currency(e, price))));
    }
    RunLedger.Totals t = RunLedger.sum(invocations, price);
    boolean known = t.inputTokens() != null && t.outputTokens() != null;
    rows.add(List.of("all", "", "", fmt(t.requestsSent()), fmt(t.retries()),
        known ? fmt(t.inputTokens()) : "unknown", known ? fmt(t.outputTokens()) : "unknown", "",
        t.cost() == null ? "unknown" : Money.format(t.cost(), t.currency())));
    page.table(List.of("invocation", "started", "ended", "HTTP requests", "retries",
        "input tokens", "output tokens", "projected at start", "spent"), rows);
    if (t.repliesWithoutUsage() > 0) {
      page.note(fmt(t.repliesWithoutUsage()) + " replies reported no usage; their tokens are"
          + " not counted above.");
    }
  }

  /** The projection an invocation made: typical and upper cost, or its tokens when unpriced. */
  private static String projected(Projection p) {
    if (p == null) {
      return "";
    }
    Projection.Cost c = p.cost();
    if (c == null) {
      return fmt(p.toSend()) + " requests, " + fmt(p.inputTokens()) + " input tokens; cost"
          + " unknown";
    }
    String typical = c.typical() == null ? "" : "typically " + Money.format(c.typical(),
        c.currency()) + ", ";
    return typical + (c.upper() == null ? "no upper bound"
        : "at most " + Money.format(c.upper(), c.currency()));
  }

  private static String currency(RunLedger.Entry e, ModelPrice price) {
    return e.cost() != null ? e.currency() : price.currency();
  }

  /** A run written before ledgers existed: only its last invocation is known. */
  private static void lastInvocationOnly(HtmlPage page, RunManifest.Tokens t, ModelPrice price) {
    if (t == null || t.input() == null || t.output() == null) {
      page.note("Tokens: unknown (the teacher reported no usage), so the cost is unknown too.");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("input tokens", fmt(t.input())));
    rows.add(List.of("output tokens", fmt(t.output())));
    rows.add(List.of("spent", price == null ? "unknown"
        : Money.format(price.costOf(t.input(), t.output()), price.currency())));
    page.table(List.of("tokens (last invocation only: no ledger.jsonl)", "value"), rows);
  }

  private static String fmt(long n) {
    return String.format("%,d", n);
  }
}
