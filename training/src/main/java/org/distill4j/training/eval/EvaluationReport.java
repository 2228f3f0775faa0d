package org.distill4j.training.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code distill eval} found, written as JSON.
 *
 * @param student generative, scorer or encoder
 * @param checkpoint the checkpoint evaluated
 * @param data the examples' file
 * @param examples examples read
 * @param withoutRetrieval scores on the plain inputs
 * @param withRetrieval scores with retrieved facts prepended; null when the config has none
 * @param baseline the trivial baseline's scores on the same items
 */
public record EvaluationReport(
    String student,
    String checkpoint,
    String data,
    int examples,
    @JsonProperty("without_retrieval") Scores withoutRetrieval,
    @JsonProperty("with_retrieval") Scores withRetrieval,
    Scores baseline) {

  /**
   * Scores of one setting.
   *
   * @param items items scored (distinct inputs for generation, examples for scorers)
   * @param exactMatch generation: share of items whose output equals a reference
   * @param bleu2 generation: mean BLEU-2
   * @param accuracy scorers: share of right choices or verdicts
   * @param averagePrecision validity by the encoder student: average precision of ranking the
   *     items by its score, kept first; null otherwise
   * @param description what was scored
   */
  public record Scores(int items, @JsonProperty("exact_match") Double exactMatch,
      Double bleu2, Double accuracy,
      @JsonProperty("average_precision") Double averagePrecision, String description) {

    /** Scores without an average precision. */
    public Scores(int items, Double exactMatch, Double bleu2, Double accuracy,
        String description) {
      this(items, exactMatch, bleu2, accuracy, null, description);
    }
  }
}
