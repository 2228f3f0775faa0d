package org.distill4j.teacher.price;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import org.distill4j.core.io.InputException;
import org.distill4j.core.io.KeyLines;

/**
 * A price table as written in YAML: the shipped one, or a user's that extends and overrides it.
 *
 * <pre>
 * taken: 2026-03            # when the prices were read off the providers' pages (optional)
 * currency: USD             # for every entry that names none
 * batch_discount: 0.5       # batch API: this share off, where an entry gives no batch price
 * models:
 *   - {provider: openai, model: gpt-4o-mini, input: 0.15, cached_input: 0.075, output: 0.60}
 *   - {provider: ollama, model: llama3.2, input: 0, output: 0}   # declared free
 * </pre>
 *
 * @param taken when the prices were taken, as the file says it
 * @param currency the currency of entries that name none
 * @param batchDiscount the share taken off for the batch API (0.5 = half price) where an entry
 *     gives neither batch prices nor a discount of its own
 * @param models the entries
 */
public record PriceFile(String taken, String currency,
    @JsonProperty("batch_discount") Double batchDiscount, List<Entry> models) {

  public PriceFile {
    checkDiscount("batch_discount", batchDiscount);
    models = models == null ? List.of() : List.copyOf(models);
  }

  /**
   * One model's prices per million tokens.
   *
   * @param provider the provider id ({@code openai}, {@code anthropic}, {@code gemini},
   *     {@code ollama})
   * @param model the model name as sent to the server
   * @param aliases other names the provider serves the same model under
   * @param currency this entry's currency; the file's when null
   */
  public record Entry(String provider, String model, List<String> aliases, Double input,
      @JsonProperty("cached_input") Double cachedInput, Double output,
      @JsonProperty("batch_input") Double batchInput,
      @JsonProperty("batch_output") Double batchOutput,
      @JsonProperty("batch_discount") Double batchDiscount, String currency) {

    public Entry {
      if (provider == null || provider.isBlank()) {
        throw new IllegalArgumentException("field \"provider\" is missing");
      }
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException("field \"model\" is missing");
      }
      // Unknown is never 0: a price left out is an error, a free model says 0 on purpose.
      if (input == null) {
        throw new IllegalArgumentException("field \"input\" is missing (price per million prompt"
            + " tokens; write 0 to declare the model free)");
      }
      if (output == null) {
        throw new IllegalArgumentException("field \"output\" is missing (price per million"
            + " completion tokens; write 0 to declare the model free)");
      }
      checkDiscount("batch_discount", batchDiscount);
      checkPrice("input", input);
      checkPrice("output", output);
      checkPrice("cached_input", cachedInput);
      checkPrice("batch_input", batchInput);
      checkPrice("batch_output", batchOutput);
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
  }

  /**
   * The entries as prices (aliases as entries of their own), with the file's currency and batch
   * discount filled in; an entry without a currency is an error at its line.
   */
  List<ModelPrice> prices(KeyLines at) {
    List<ModelPrice> out = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      Entry e = models.get(i);
      String cur = e.currency() != null ? e.currency() : currency;
      if (cur == null || cur.isBlank()) {
        throw new InputException(at.where("models", i), "the price of " + e.provider() + "/"
            + e.model() + " has no currency; set \"currency\" on it or for the whole file");
      }
      Double discount = e.batchDiscount() != null ? e.batchDiscount() : batchDiscount;
      Double bIn = e.batchInput() != null ? e.batchInput()
          : discount == null ? null : e.input() * (1 - discount);
      Double bOut = e.batchOutput() != null ? e.batchOutput()
          : discount == null ? null : e.output() * (1 - discount);
      out.add(new ModelPrice(e.provider(), e.model(), cur, e.input(), e.cachedInput(),
          e.output(), bIn, bOut));
      for (String alias : e.aliases()) {
        out.add(new ModelPrice(e.provider(), alias, cur, e.input(), e.cachedInput(), e.output(),
            bIn, bOut));
      }
    }
    return out;
  }

  private static void checkPrice(String field, Double price) {
    if (price != null && !(price >= 0 && Double.isFinite(price))) {
      throw new IllegalArgumentException("field \"" + field + "\" must be a price of 0 or more"
          + " per million tokens, found " + price);
    }
  }

  private static void checkDiscount(String field, Double discount) {
    if (discount != null && !(discount >= 0 && discount <= 1)) {
      throw new IllegalArgumentException("field \"" + field + "\" must be a share between 0 and"
          + " 1 (0.5 = half price), found " + discount);
    }
  }
}
