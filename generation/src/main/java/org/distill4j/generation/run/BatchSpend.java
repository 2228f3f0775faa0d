package org.distill4j.generation.run;

import java.util.List;
import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.TeacherRequest;
import org.distill4j.teacher.price.CostMeter;
import org.distill4j.teacher.price.ModelPrice;
import org.distill4j.teacher.price.Money;
import org.distill4j.teacher.price.TokenCounts;
import org.distill4j.teacher.tokens.TokenCounter;

/**
 * What the batch phase spends, under the run's price and cost limit.
 *
 * <p>Answers are priced at the batch price as they are stored ({@link #answered}), on the same
 * {@link CostMeter} the synchronous pass uses, so the run's spend and its limit see both.
 *
 * <p>A batch job, once submitted, cannot be stopped midway at no cost: the provider answers
 * (and bills) what it holds. So with a limit, submission admits a prompt group only while its
 * upper bound (prompt tokens counted here, every reply {@code max_tokens} long, at the batch
 * price) fits what the limit leaves after the spend so far and the upper bounds of the jobs
 * still open. The first group that does not fit is held back with every group after it (the
 * cut is one point in seed order, not a scatter); the run then sends nothing fresh, counts the
 * held-back groups as skipped, and a rerun, which knows what the jobs really cost, submits what
 * then fits.
 */
final class BatchSpend {
  /** Bytes per token when a job's prompt tokens were not counted: chars/4, on the JSON body. */
  private static final int BYTES_PER_TOKEN = 4;

  private final CostMeter meter;
  private final TokenCounter counter;
  private final Integer maxTokens;
  /** What submission may still commit; null for no limit. */
  private Double left;
  private String holdReason;
  private long heldBack;

  /**
   * @param meter the run's meter; null when the teacher's price is unknown (then nothing is
   *     priced, counted or held back)
   * @param counter counts prompt tokens
   * @param maxTokens the recipe's max_tokens; null when it sets none (then a limit admits no
   *     batch at all: its upper bound is unknown)
   */
  BatchSpend(CostMeter meter, TokenCounter counter, Integer maxTokens) {
    this.meter = meter;
    this.counter = counter;
    this.maxTokens = maxTokens;
  }

  /** True when prompt tokens are counted (the price is known). */
  boolean counting() {
    return meter != null;
  }

  /** A prompt's tokens, counted once for all its samples; 0 when nothing is priced. */
  long promptTokens(TeacherRequest request) {
    return meter == null ? 0 : counter.count(request.messages());
  }

  /**
   * Starts a submission: what the limit leaves after this run's spend so far and the upper
   * bounds of the jobs still open (created or written, not yet collected).
   */
  void reserve(List<BatchJobs.Job> jobs) {
    Double remaining = meter == null ? null : meter.remaining();
    if (remaining == null) {
      left = null;
      return;
    }
    double open = 0;
    for (BatchJobs.Job job : jobs) {
      if (!job.collected()) {
        long prompt = job.promptTokens() != null ? job.promptTokens()
            : job.bytes() / BYTES_PER_TOKEN;
        open += upper(prompt, job.requests());
      }
    }
    left = remaining - open;
  }

  /**
   * True when a group of {@code requests} requests of {@code promptTokens} each may be
   * submitted; false once one did not fit, for it and every group after it.
   */
  boolean admit(int requests, long promptTokens) {
    if (left == null) {
      return true;
    }
    double cost = maxTokens == null ? Double.POSITIVE_INFINITY
        : upper(promptTokens * requests, requests);
    if (holdReason == null && cost <= left) {
      left -= cost;
      return true;
    }
    if (holdReason == null) {
      holdReason = reason();
    }
    heldBack += requests;
    return false;
  }

  /**
   * Prices a stored answer at the batch price. Tokens the provider did not report are counted:
   * the prompt as the mean of its job's counted prompts, the reply from its text.
   */
  void answered(TeacherReply reply, BatchJobs.Job job) {
    if (meter == null) {
      return;
    }
    boolean estimated = reply.inputTokens() == null || reply.outputTokens() == null;
    long in = reply.inputTokens() != null ? reply.inputTokens()
        : job.promptTokens() == null || job.requests() == 0 ? 0
            : job.promptTokens() / job.requests();
    long out = reply.outputTokens() != null ? reply.outputTokens()
        : reply.text() == null ? 0 : counter.countText(reply.text());
    meter.afterBatchAnswer(in, out, estimated);
  }

  /** Why groups were held back from the batch jobs; null when none was. */
  String holdReason() {
    return holdReason;
  }

  /** Requests held back from the batch jobs by the limit. */
  long heldBack() {
    return heldBack;
  }

  private double upper(long promptTokens, long requests) {
    ModelPrice price = meter.price();
    long output = maxTokens == null ? 0 : (long) maxTokens * requests;
    return price.cost(TokenCounts.NONE, TokenCounts.of(promptTokens, output));
  }

  private String reason() {
    String currency = meter.price().currency();
    if (maxTokens == null) {
      return "max cost: the recipe sets no max_tokens, so a batch job's cost has no upper bound"
          + " and no request was submitted under the limit";
    }
    return "max cost: requests held back from the batch jobs, since with every reply at"
        + " max_tokens at the batch price they could pass the limit of "
        + Money.format(meter.limit(), currency) + " (spent so far "
        + Money.format(meter.total(), currency) + "); a rerun submits what then fits";
  }
}
