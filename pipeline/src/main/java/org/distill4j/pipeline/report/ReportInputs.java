package org.distill4j.pipeline.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.distill4j.teacher.price.PriceTable;

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
 * @param prices the price table (shipped, with the user's file) that prices ledger lines written
 *     without a cost; the shipped table when null
 * @param thresholds the threshold of each named score (critic, judge), drawn on its histogram
 */
public record ReportInputs(String title, Path manifest, Path generated, Path funnel, Path kept,
    Path rejected, Path metrics, PriceTable prices, Map<String, Double> thresholds) {

  public ReportInputs {
    prices = prices == null ? PriceTable.shipped() : prices;
    thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
  }

  static boolean present(Path file) {
    return file != null && Files.isRegularFile(file);
  }
}
