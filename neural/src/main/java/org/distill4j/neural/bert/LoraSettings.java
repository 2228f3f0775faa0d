package org.distill4j.neural.bert;

import java.util.List;
import java.util.Set;

/**
 * Low-rank adapters on the attention projections: each targeted {@code W x + b} becomes
 * {@code W x + b + (alpha / rank) · B A x} with {@code A [rank, in]} and {@code B [out, rank]}
 * trainable and {@code W}, {@code b} frozen. {@code B} starts at zero, so an adapted model starts
 * out as exactly its base.
 *
 * @param rank the inner width of {@code A} and {@code B}
 * @param alpha the scale numerator; PEFT's {@code lora_alpha}
 * @param targets which projections of every layer get adapters: {@code query}, {@code key},
 *     {@code value}, {@code output} (the attention output dense)
 */
public record LoraSettings(int rank, double alpha, List<String> targets) {
  private static final Set<String> KNOWN = Set.of("query", "key", "value", "output");

  public LoraSettings {
    if (rank < 1) {
      throw new IllegalArgumentException("lora rank must be at least 1, found " + rank);
    }
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("lora alpha must be positive, found " + alpha);
    }
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("lora needs at least one target of " + KNOWN);
    }
    for (String target : targets) {
      if (!KNOWN.contains(target)) {
        throw new IllegalArgumentException("unknown lora target '" + target + "'; known: "
            + "query, key, value, output");
      }
    }
  }

  /** Adapters on query and value, the usual choice for encoders. */
  public static LoraSettings queryValue(int rank, double alpha) {
    return new LoraSettings(rank, alpha, List.of("query", "value"));
  }

  /** The factor applied to {@code B A x}. */
  public float scale() {
    return (float) (alpha / rank);
  }

  /**
   * The Hugging Face name (without {@code .weight}) of the projection that {@code target} means
   * in layer {@code layer}.
   */
  public static String projection(int layer, String target) {
    String prefix = BertWeights.layerPrefix(layer) + "attention.";
    return target.equals("output") ? prefix + "output.dense" : prefix + "self." + target;
  }
}
