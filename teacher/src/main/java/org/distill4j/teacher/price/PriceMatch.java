package org.distill4j.teacher.price;

/**
 * The price found for a teacher's model, and how it was found.
 *
 * @param price the price, listed under {@link ModelPrice#model()}
 * @param asked the model name that was looked up
 * @param snapshot true when {@code asked} is a dated snapshot or alias of the listed model,
 *     matched by the snapshot rule (see {@link PriceTable#snapshotBase})
 * @param source where the entry comes from: the shipped table with its date, or the user's file
 */
public record PriceMatch(ModelPrice price, String asked, boolean snapshot, String source) {

  /** One line for people, e.g. "openai/gpt-4o-2024-08-06 priced as gpt-4o (snapshot), ...". */
  public String describe() {
    String how = snapshot ? " priced as " + price.model() + " (dated snapshot)" : "";
    return price.provider() + "/" + asked + how + ": " + price.input() + " in, "
        + price.output() + " out per million tokens (" + price.currency() + "), from "
        + source;
  }

  /**
   * The same, followed by the prices of the provider's batch API, e.g. "...; batch API: 1.25 in,
   * 5.0 out per million tokens"; a table without batch prices for the model bills it at the list
   * price, and says so.
   */
  public String describeBatch() {
    boolean listed = price.batchInput() != null || price.batchOutput() != null;
    double in = price.batchInput() == null ? price.input() : price.batchInput();
    double out = price.batchOutput() == null ? price.output() : price.batchOutput();
    return describe() + "; batch API: " + in + " in, " + out + " out per million tokens"
        + (listed ? "" : " (no batch price listed: the list price)");
  }
}
