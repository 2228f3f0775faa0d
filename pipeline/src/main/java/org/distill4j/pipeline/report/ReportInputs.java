package org.distill4j.pipeline.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a report finds each stage's output. A path that does not exist means the stage has not
 * run; its section then says so instead of showing zeros.
 *
 * @param title the page title, usually the pipeline's name
 * @param manifest generation's {@code manifest.json}
 * @param generated generation's {@code generated.jsonl}
 * @param funnel filtering's {@code funnel.json}
 * @param kept filtering's {@code kept.jsonl}
 * @param rejected filtering's {@code rejected.jsonl}
 * @param metrics training's {@code metrics.jsonl}
 * @param prices what 1,000 tokens cost; null when the user gave no price
 * @param thresholds the threshold of each named score (critic, judge), drawn on its histogram
 */
public record ReportInputs(String title, Path manifest, Path generated, Path funnel, Path kept,
    Path rejected, Path metrics, Prices prices, Map<String, Double> thresholds) {

  public ReportInputs {
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
  }

  /**
   * Token prices in the user's currency.
   *
   * @param currency e.g. {@code USD}
   * @param inputPer1k price of 1,000 prompt tokens
   * @param outputPer1k price of 1,000 completion tokens
   */
  public record Prices(String currency,
      @com.fasterxml.jackson.annotation.JsonProperty("input_per_1k") double inputPer1k,
      @com.fasterxml.jackson.annotation.JsonProperty("output_per_1k") double outputPer1k) {
    public Prices {
      if (inputPer1k < 0 || outputPer1k < 0) {
        throw new IllegalArgumentException("token prices must be 0 or more");
      }
      currency = currency == null || currency.isBlank() ? "USD" : currency;
    }
  }

  static boolean present(Path file) {
    return file != null && Files.isRegularFile(file);
  }
}
