package org.distill4j.generation.cost;

/**
 * What a run is projected to send and cost, made before anything is sent: by a dry run, and at
 * the start of every invocation (kept in the manifest and ledger beside what was spent).
 *
 * @param requests requests the seeds expand to (prompts × samples); re-asks after unusable
 *     replies are not foreseen
 * @param cached of which the reply cache already answers: they cost nothing
 * @param counting how the prompt tokens were counted, in words
 * @param exactCounting true for the model family's own tokenizer, false for an estimate
 * @param inputTokens prompt tokens of the requests still to send
 * @param maxTokens the recipe's max_tokens; null when it sets none
 * @param outputUpper max_tokens × requests still to send: no reply is longer; null without
 *     max_tokens
 * @param meanOutput mean completion tokens of the cached replies that reported usage; null when
 *     none did
 * @param outputTypical meanOutput × requests still to send; null without cached replies
 * @param cost the projected cost; null when the price is unknown
 * @param unknownPrice why the cost is unknown; null when it is known
 * @param batch true when the requests to send go through the provider's batch API
 *     ({@code --batch}) and are priced at its batch price; what the jobs leave unanswered, sent
 *     one by one at the list price, is not foreseen, as re-asks are not
 */
public record Projection(long requests, long cached, String counting, boolean exactCounting,
    long inputTokens, Integer maxTokens, Long outputUpper, Double meanOutput, Long outputTypical,
    Cost cost, String unknownPrice, boolean batch) {

  /** Requests the teacher will be sent. */
  public long toSend() {
    return requests - cached;
  }

  /**
   * The projected cost in the price's currency.
   *
   * @param currency e.g. USD
   * @param price the price used, in words (which entry, matched how, from which table)
   * @param input the prompts' share
   * @param upper with every reply at max_tokens; null without max_tokens
   * @param typical with replies as long as the cached ones on average; null without them
   */
  public record Cost(String currency, String price, double input, Double upper,
      Double typical) {}
}
