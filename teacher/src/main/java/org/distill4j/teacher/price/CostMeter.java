package org.distill4j.teacher.price;

import java.util.concurrent.atomic.AtomicLong;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.batch.SpendWatch;
import org.distill4j.teacher.tokens.TokenCounter;

/**
 * Adds up what an invocation spends, reply by reply, at a known price, and tells the batch
 * runner to stop once the spend of the whole run (earlier invocations included) reaches the
 * limit. Replies from the cache are never shown to it: they cost nothing.
 *
 * <p>Answers of the provider's batch API are added apart ({@link #afterBatchAnswer}), priced at
 * the batch price; they reach the runner later through the cache, unseen here, so each is
 * counted once.
 *
 * <p>A fresh reply whose server reported no token usage is priced from counted tokens (the
 * prompt with {@code counter}, the reply's text likewise) and counted in {@link
 * #estimatedReplies()}, so that a limit still stops a run against such a server.
 *
 * <p>Thread-safe: the runner's workers report concurrently.
 */
public final class CostMeter implements SpendWatch {
  private final ModelPrice price;
  private final double earlier;
  private final Double limit;
  private final TokenCounter counter;
  private final AtomicLong input = new AtomicLong();
  private final AtomicLong output = new AtomicLong();
  private final AtomicLong estimated = new AtomicLong();
  private final AtomicLong batchInput = new AtomicLong();
  private final AtomicLong batchOutput = new AtomicLong();

  /**
   * @param price the teacher's price
   * @param earlier what earlier invocations of the run spent
   * @param limit the most the whole run may spend; null for no limit
   * @param counter counts tokens of replies that report no usage
   */
  public CostMeter(ModelPrice price, double earlier, Double limit, TokenCounter counter) {
    this.price = price;
    this.earlier = earlier;
    this.limit = limit;
    this.counter = counter;
  }

  @Override
  public String afterReply(TeacherRequest request, TeacherReply reply) {
    long in;
    long out;
    if (reply.inputTokens() != null && reply.outputTokens() != null) {
      in = reply.inputTokens();
      out = reply.outputTokens();
    } else {
      estimated.incrementAndGet();
      in = reply.inputTokens() != null ? reply.inputTokens() : counter.count(request.messages());
      out = reply.outputTokens() != null ? reply.outputTokens()
          : reply.text() == null ? 0 : counter.countText(reply.text());
    }
    input.addAndGet(in);
    output.addAndGet(out);
    return reached() ? reason() : null;
  }

  /**
   * An answer a batch job returned, at the batch price. Tokens the provider did not report are
   * given as counted here ({@code estimated} true), as for a fresh reply without usage.
   */
  public void afterBatchAnswer(long inputTokens, long outputTokens, boolean estimated) {
    if (estimated) {
      this.estimated.incrementAndGet();
    }
    batchInput.addAndGet(inputTokens);
    batchOutput.addAndGet(outputTokens);
  }

  /**
   * What this invocation spent so far: replies at the list price, batch answers at the batch
   * price.
   */
  public double spent() {
    return price.cost(TokenCounts.of(input.get(), output.get()),
        TokenCounts.of(batchInput.get(), batchOutput.get()));
  }

  /** The part of {@link #spent()} that batch answers make. */
  public double batchSpent() {
    return price.cost(TokenCounts.NONE, TokenCounts.of(batchInput.get(), batchOutput.get()));
  }

  /** What the run may still spend before the limit; null for no limit. */
  public Double remaining() {
    return limit == null ? null : limit - total();
  }

  /** What the whole run spent so far: earlier invocations and this one. */
  public double total() {
    return earlier + spent();
  }

  /** True when a limit is set and the run's spend has reached it. */
  public boolean reached() {
    return limit != null && total() >= limit;
  }

  /**
   * The stop reason, e.g. "max cost reached (spent 0.0101 USD of 0.0100 USD when sending
   * stopped)": replies then in flight still arrive and add to the spend.
   */
  public String reason() {
    return "max cost reached (spent " + Money.format(total(), price.currency()) + " of "
        + Money.format(limit, price.currency()) + " when sending stopped)";
  }

  /**
   * Fresh replies and batch answers priced from counted tokens because their server reported no
   * usage.
   */
  public long estimatedReplies() {
    return estimated.get();
  }

  public ModelPrice price() {
    return price;
  }

  /** The limit, or null for none. */
  public Double limit() {
    return limit;
  }
}
