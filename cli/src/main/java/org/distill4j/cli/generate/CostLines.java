package org.distill4j.cli.generate;

import java.io.PrintWriter;
import java.util.Locale;
import org.distill4j.generation.cost.Projection;
import org.distill4j.generation.recipe.RenderedPrompt;
import org.distill4j.generation.run.DryRun;
import org.distill4j.generation.run.RunManifest;
import org.distill4j.teacher.ChatTurn;
import org.distill4j.teacher.price.Money;

/**
 * What {@code distill generate} prints about tokens and cost: the projection of a dry run, and
 * the spend beside the projection after a run. An unknown price prints as unknown, never 0.
 */
final class CostLines {
  private CostLines() {}

  /** The dry run: the first prompts, the request count, then the projection. */
  static void dryRun(DryRun dry, PrintWriter out) {
    for (RenderedPrompt p : dry.firstPrompts()) {
      out.println("--- " + p.seed().source() + (p.variables().isEmpty() ? "" : " " + p.variables()));
      for (ChatTurn t : p.messages()) {
        out.println("[" + t.role().name().toLowerCase(Locale.ROOT) + "]");
        out.println(t.text().strip());
      }
    }
    out.printf("dry run: %d seeds (%d unusable) -> %d requests; nothing was sent%n",
        dry.seeds(), dry.badSeeds(), dry.requests());
    projection(dry.projection(), out);
  }

  /** The projection, one fact a line. */
  static void projection(Projection p, PrintWriter out) {
    out.printf("  answered by the reply cache: %,d (cost nothing); to send: %,d%n", p.cached(),
        p.toSend());
    out.printf("  input tokens to send: %s%,d (%s)%n", p.exactCounting() ? "" : "~",
        p.inputTokens(), p.counting());
    String upper = p.outputUpper() == null
        ? "no upper bound (the recipe sets no max_tokens)"
        : String.format(Locale.ROOT, "at most %,d (max_tokens %d x %,d requests)",
            p.outputUpper(), p.maxTokens(), p.toSend());
    String typical = p.outputTypical() == null ? "no typical estimate yet (no cached reply to"
        + " learn reply lengths from)"
        : String.format(Locale.ROOT, "typically %,d (mean %.1f tokens of the cached replies x %,d)",
            p.outputTypical(), p.meanOutput(), p.toSend());
    out.println("  output tokens: " + upper + "; " + typical);
    Projection.Cost c = p.cost();
    if (c == null) {
      out.println("  cost: unknown (" + p.unknownPrice() + "; add it with --prices)");
    } else {
      out.println("  cost: " + amount(c.upper(), c.currency(), "at most ", "no upper bound")
          + "; " + amount(c.typical(), c.currency(), "typically ", "no typical estimate")
          + "; prompts alone " + Money.format(c.input(), c.currency()));
      out.println("  price: " + c.price());
    }
    if (p.batch()) {
      out.println("  priced at the batch price (--batch): every request to send goes into a"
          + " batch job");
    }
    out.println("  not foreseen: re-asks after unusable replies, and retries (they are sent"
        + " again and paid again)" + (p.batch() ? "; requests the batch jobs leave unanswered"
            + " (sent one by one at the list price)" : ""));
  }

  /** After a run: this invocation's spend, the run's, and the projection made at the start. */
  static void spent(RunManifest m, PrintWriter out) {
    RunManifest.Cost c = m.cost();
    if (c == null) {
      return;
    }
    if (c.currency() == null) {
      out.println("cost: unknown (" + c.unknownPrice() + "; add it with --prices)");
      return;
    }
    String all = c.spentAllInvocations() == null ? "unknown"
        : Money.format(c.spentAllInvocations(), c.currency());
    Projection.Cost projected = c.projected() == null ? null : c.projected().cost();
    out.println("cost: " + Money.format(c.spent(), c.currency()) + " this invocation"
        + (c.spentBatch() == null ? "" : " (" + Money.format(c.spentBatch(), c.currency())
            + " of it batch answers at the batch price)") + ", " + all
        + " all invocations" + (c.maxCost() == null ? ""
            : " (limit " + Money.format(c.maxCost(), c.currency()) + ")")
        + (projected == null ? "" : "; projected at start: "
            + amount(projected.typical(), c.currency(), "typically ", "no typical estimate")
            + ", " + amount(projected.upper(), c.currency(), "at most ", "no upper bound")));
    if (c.repliesPricedFromCountedTokens() != null) {
      out.println("note: " + c.repliesPricedFromCountedTokens() + " replies reported no usage;"
          + " they were priced from tokens counted here");
    }
  }

  private static String amount(Double value, String currency, String prefix, String none) {
    return value == null ? none : prefix + Money.format(value, currency);
  }
}
