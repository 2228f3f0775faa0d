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

  /** What this invocation spent so far. */
  public double spent() {
    return price.cost(TokenCounts.of(input.get(), output.get()));
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

  /** Fresh replies priced from counted tokens because their server reported no usage. */
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
