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
}
