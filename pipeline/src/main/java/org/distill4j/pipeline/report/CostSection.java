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
 * with what it was projected to cost when it started and what it spent, and the run's total;
 * with {@code --batch}, each invocation's batch answers, their tokens and their share of the
 * spend at the batch price.
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
    boolean batch = invocations.stream().anyMatch(e -> e.batchRequests() != null);
    List<List<String>> rows = new ArrayList<>();
    int n = 0;
    for (RunLedger.Entry e : invocations) {
      Double spent = RunLedger.costOf(e, price);
      List<String> row = new ArrayList<>(List.of(String.valueOf(++n),
          String.valueOf(e.startedAt()), e.status(), fmt(e.requestsSent()), fmt(e.retries()),
          fmt(e.inputTokens()), fmt(e.outputTokens())));
      if (batch) {
        row.addAll(batchCells(e.batchRequests(), e.batchTokensIn(), e.batchTokensOut(),
            RunLedger.batchCostOf(e, price), e.cost() != null ? e.currency()
                : price == null ? null : price.currency()));
      }
      row.add(projected(e.projected()));
      row.add(spent == null ? "unknown" : Money.format(spent, currency(e, price)));
      rows.add(row);
    }
    RunLedger.Totals t = RunLedger.sum(invocations, price);
    boolean known = t.inputTokens() != null && t.outputTokens() != null;
    List<String> all = new ArrayList<>(List.of("all", "", "", fmt(t.requestsSent()),
        fmt(t.retries()), known ? fmt(t.inputTokens()) : "unknown",
        known ? fmt(t.outputTokens()) : "unknown"));
    if (batch) {
      all.addAll(batchCells(t.batchRequests(), t.batchTokensIn(), t.batchTokensOut(),
          t.batchCost(), t.currency()));
    }
    all.add("");
    all.add(t.cost() == null ? "unknown" : Money.format(t.cost(), t.currency()));
    rows.add(all);
    List<String> header = new ArrayList<>(List.of("invocation", "started", "ended",
        "HTTP requests", "retries", "input tokens", "output tokens"));
    if (batch) {
      header.addAll(List.of("batch answers", "batch tokens in / out", "of the spend, batch"));
    }
    header.addAll(List.of("projected at start", "spent"));
    page.table(header, rows);
    if (batch) {
      page.note("Batch answers were billed at the batch price; they reached the run through the"
          + " reply cache, so their tokens are in the batch columns only and the spend counts"
          + " them once.");
    }
    if (t.repliesWithoutUsage() > 0) {
      page.note(fmt(t.repliesWithoutUsage()) + " replies reported no usage; their tokens are"
          + " not counted above.");
    }
  }

  /** An invocation's batch answers, their tokens and their cost; blanks without a batch. */
  private static List<String> batchCells(Long requests, Long in, Long out, Double cost,
      String currency) {
    if (requests == null) {
      return List.of("", "", "");
    }
    return List.of(fmt(requests), (in == null ? "unknown" : fmt(in)) + " / "
        + (out == null ? "unknown" : fmt(out)),
        cost == null || currency == null ? "unknown" : Money.format(cost, currency));
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
        : "at most " + Money.format(c.upper(), c.currency()))
        + (p.batch() ? " at the batch price" : "");
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
