package org.distill4j.generation.cost;

import org.distill4j.teacher.TeacherReply;
import org.distill4j.teacher.price.ModelPrice;
import org.distill4j.teacher.price.PriceMatch;
import org.distill4j.teacher.price.TokenCounts;
import org.distill4j.teacher.tokens.TokenCounter;

/** Adds up a projection request by request, as the seeds are read. Not thread-safe. */
public final class ProjectionTally {
  private long requests;
  private long cached;
  private long inputTokens;
  private long observed;
  private long observedOutput;

  /**
   * One request: its prompt's tokens count unless the cache answers it, in which case the
   * reply's reported length is an observation of how long replies run.
   *
   * @param promptTokens the request's prompt tokens
   * @param cachedReply the reply the cache holds for it, or null
   */
  public void add(long promptTokens, TeacherReply cachedReply) {
    requests++;
    if (cachedReply == null) {
      inputTokens += promptTokens;
      return;
    }
    cached++;
    observe(cachedReply);
  }

  /**
   * One request that will not be sent, whatever the cache holds (its group is finished); the
   * reply the cache holds for it, if any, still tells how long replies run.
   */
  public void addAnswered(TeacherReply cachedReply) {
    addAnswered(1);
    if (cachedReply != null) {
      observe(cachedReply);
    }
  }

  private void observe(TeacherReply reply) {
    if (reply.outputTokens() != null) {
      observed++;
      observedOutput += reply.outputTokens();
    }
  }

  /**
   * Requests that will not be sent, whatever the cache holds (their groups are finished): they
   * count as answered, with no prompt tokens and no observed reply length.
   */
  public void addAnswered(long count) {
    requests += count;
    cached += count;
  }

  /**
   * The projection, priced with the run's cost settings: the requests to send at the list
   * price, or at the batch price when {@code batch} (they go through the provider's batch API).
   */
  public Projection result(CostSettings cost, TokenCounter counter, Integer maxTokens,
      boolean batch) {
    long toSend = requests - cached;
    Long upper = maxTokens == null ? null : (long) maxTokens * toSend;
    Double mean = observed == 0 ? null : (double) observedOutput / observed;
    Long typical = mean == null ? null : Math.round(mean * toSend);
    Projection.Cost priced = null;
    PriceMatch match = cost.price();
    if (match != null) {
      ModelPrice p = match.price();
      priced = new Projection.Cost(p.currency(), batch ? match.describeBatch() : match.describe(),
          price(p, inputTokens, 0L, batch), price(p, inputTokens, upper, batch),
          price(p, inputTokens, typical, batch));
    }
    return new Projection(requests, cached, counter.method(), counter.exact(), inputTokens,
        maxTokens, upper, mean, typical, priced, cost.unknownPrice(), batch);
  }

  /** Null when the output tokens are unknown. */
  private static Double price(ModelPrice p, long input, Long output, boolean batch) {
    if (output == null) {
      return null;
    }
    TokenCounts tokens = TokenCounts.of(input, output);
    return batch ? p.cost(TokenCounts.NONE, tokens) : p.cost(tokens);
  }
}
