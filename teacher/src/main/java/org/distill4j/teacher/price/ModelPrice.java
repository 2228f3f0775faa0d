package org.distill4j.teacher.price;

/**
 * What one model's tokens cost, per million tokens, in {@code currency}.
 *
 * <p>Where a table gives no cached-input price, cached input is billed at the input price; where
 * it gives no batch price, batch tokens are billed at the synchronous price. Both make the cost
 * an upper bound rather than a guess.
 *
 * @param provider the provider id, e.g. {@code openai}
 * @param model the model name the price is listed under
 * @param currency e.g. {@code USD}
 * @param input price of a million prompt tokens
 * @param cachedInput price of a million prompt tokens served from the provider's prompt cache;
 *     null when not known
 * @param output price of a million completion tokens
 * @param batchInput price of a million prompt tokens sent through the provider's batch API; null
 *     when not known
 * @param batchOutput price of a million completion tokens through the batch API; null when not
 *     known
 */
public record ModelPrice(String provider, String model, String currency, double input,
    Double cachedInput, double output, Double batchInput, Double batchOutput) {
  private static final double MILLION = 1_000_000.0;

  public ModelPrice {
    if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
      throw new IllegalArgumentException("a price needs a provider and a model");
    }
    if (currency == null || currency.isBlank()) {
      throw new IllegalArgumentException("the price of " + provider + "/" + model
          + " has no currency");
    }
    check("input", input);
    check("output", output);
    check("cached_input", cachedInput);
    check("batch_input", batchInput);
    check("batch_output", batchOutput);
  }

  private static void check(String field, Double value) {
    if (value != null && !(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException("field \"" + field + "\" must be a price of 0 or more,"
          + " found " + value);
    }
  }

  /** True when every token is free (a model the user declared free, e.g. a local server). */
  public boolean free() {
    return input == 0 && output == 0 && (cachedInput == null || cachedInput == 0)
        && (batchInput == null || batchInput == 0) && (batchOutput == null || batchOutput == 0);
  }

  /** The cost of tokens sent one request at a time. */
  public double cost(TokenCounts sync) {
    return cost(sync, TokenCounts.NONE);
  }

  /**
   * The cost of {@code sync} tokens at the list prices plus {@code batch} tokens (those of
   * requests sent through the provider's batch API) at the batch prices.
   */
  public double cost(TokenCounts sync, TokenCounts batch) {
    double cached = cachedInput == null ? input : cachedInput;
    double syncCost = (sync.input() - sync.cachedInput()) * input + sync.cachedInput() * cached
        + sync.output() * output;
    double bIn = batchInput == null ? input : batchInput;
    double bOut = batchOutput == null ? output : batchOutput;
    // A provider's batch discount applies to cached input as well; without a cached batch price,
    // the cached share is billed like the rest of the batch input.
    double batchCost = batch.input() * bIn + batch.output() * bOut;
    return (syncCost + batchCost) / MILLION;
  }

  /** The cost of one request's tokens at most, for bounds: input plus output at list prices. */
  public double costOf(long inputTokens, long outputTokens) {
    return cost(TokenCounts.of(inputTokens, outputTokens));
  }
}
