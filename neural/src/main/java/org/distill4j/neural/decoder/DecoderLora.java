package org.distill4j.neural.decoder;

import java.util.List;
import java.util.Set;

/**
 * Low-rank adapters as PEFT defines them: each targeted projection {@code W x + b} becomes
 * {@code W x + b + (alpha / rank) · B A dropout(x)}, with {@code A [rank, in]} and
 * {@code B [out, rank]} trainable, {@code W} and {@code b} frozen, and {@code B} starting at zero
 * so an adapted model starts out as its base.
 *
 * @param rank the inner width ({@code r})
 * @param alpha the scale numerator ({@code lora_alpha})
 * @param dropout dropout on the adapter's input while training ({@code lora_dropout})
 * @param targets module names as PEFT's {@code target_modules}: for the Llama family
 *     {@code q_proj k_proj v_proj o_proj gate_proj up_proj down_proj}; for GPT-2
 *     {@code c_attn c_proj c_fc} ({@code c_proj} means both the attention's and the MLP's, as in
 *     PEFT, which matches module names by suffix)
 */
public record DecoderLora(int rank, double alpha, double dropout, List<String> targets) {
  private static final Set<String> LLAMA =
      Set.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
  private static final Set<String> GPT2 = Set.of("c_attn", "c_proj", "c_fc");

  public DecoderLora {
    if (rank < 1) {
      throw new IllegalArgumentException("lora rank must be at least 1, found " + rank);
    }
    if (!(alpha > 0)) {
      throw new IllegalArgumentException("lora alpha must be positive, found " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("lora dropout must be in [0, 1), found " + dropout);
    }
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("lora needs at least one target module");
    }
  }

  /** The factor applied to {@code B A x}. */
  public float scale() {
    return (float) (alpha / rank);
  }

  /**
   * Checks the targets against the architecture's module names.
   *
   * @throws IllegalArgumentException naming the unknown target and the valid ones
   */
  public void check(Architecture architecture) {
    Set<String> known = architecture == Architecture.GPT2 ? GPT2 : LLAMA;
    for (String target : targets) {
      if (!known.contains(target)) {
        throw new IllegalArgumentException("unknown lora target module \"" + target + "\" for "
            + architecture.name().toLowerCase(java.util.Locale.ROOT) + "; known: "
            + String.join(", ", new java.util.TreeSet<>(known)));
      }
    }
  }

  /** Whether the projection named {@code module} (without {@code .weight}) is adapted. */
  public boolean adapts(String module) {
    String last = module.substring(module.lastIndexOf('.') + 1);
    return targets.contains(last);
  }
}
