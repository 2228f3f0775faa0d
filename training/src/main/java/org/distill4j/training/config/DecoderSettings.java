package org.distill4j.training.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the decoder student ({@code student: decoder}) is fine-tuned, beside the config's epochs,
 * batch size, learning rate, patience and seed. Each example becomes a chat — the optional
 * system prompt, the input as the user's turn, the target as the assistant's — rendered with the
 * base model's own chat template; only the assistant's tokens carry loss.
 *
 * @param maxTokens the longest example in tokens; longer ones keep their start
 * @param pack several short examples per row of {@code maxTokens} (attention and loss stay
 *     within each example); false pads each example to its batch's longest
 * @param warmupFraction the share of optimiser steps spent rising to the learning rate, which
 *     then falls linearly to 0
 * @param weightDecay AdamW's decoupled weight decay (not on biases and norm weights)
 * @param accumulation batches per optimiser step
 * @param clipNorm the largest global gradient norm; 0 turns clipping off
 * @param freezeLayers keep the embeddings and this many lowest layers fixed (full fine-tuning)
 * @param system a system prompt put before every example; null for none
 * @param lora low-rank adapters; null trains every weight
 */
public record DecoderSettings(
    @JsonProperty("max_tokens") Integer maxTokens,
    Boolean pack,
    @JsonProperty("warmup_fraction") Double warmupFraction,
    @JsonProperty("weight_decay") Double weightDecay,
    Integer accumulation,
    @JsonProperty("clip_norm") Double clipNorm,
    @JsonProperty("freeze_layers") Integer freezeLayers,
    String system,
    Lora lora) {

  public DecoderSettings {
    maxTokens = maxTokens == null ? 512 : maxTokens;
    require(maxTokens >= 8, "decoder.max_tokens", "must be at least 8, found " + maxTokens);
    pack = pack == null || pack;
    warmupFraction = warmupFraction == null ? 0.03 : warmupFraction;
    require(warmupFraction >= 0 && warmupFraction < 1, "decoder.warmup_fraction",
        "must be in [0, 1), found " + warmupFraction);
    weightDecay = weightDecay == null ? 0.0 : weightDecay;
    require(weightDecay >= 0, "decoder.weight_decay", "must be >= 0, found " + weightDecay);
    accumulation = accumulation == null ? 1 : accumulation;
    require(accumulation >= 1, "decoder.accumulation",
        "must be at least 1, found " + accumulation);
    clipNorm = clipNorm == null ? 1.0 : clipNorm;
    require(clipNorm >= 0, "decoder.clip_norm", "must be >= 0 (0: no clipping), found "
        + clipNorm);
    freezeLayers = freezeLayers == null ? 0 : freezeLayers;
    require(freezeLayers >= 0, "decoder.freeze_layers", "must be >= 0, found " + freezeLayers);
  }

  /** Every setting at its default. */
  public static DecoderSettings defaults() {
    return new DecoderSettings(null, null, null, null, null, null, null, null, null);
  }

  /**
   * Low-rank adapters on the named modules; the base stays frozen.
   *
   * @param rank the adapters' inner width
   * @param alpha the scale numerator (PEFT's {@code lora_alpha}); twice the rank when absent
   * @param dropout dropout on the adapters' input while training
   * @param targets module names (PEFT's {@code target_modules}); absent: the attention
   *     projections ({@code q_proj k_proj v_proj o_proj}, or GPT-2's {@code c_attn c_proj})
   */
  public record Lora(Integer rank, Double alpha, Double dropout, List<String> targets) {
    public Lora {
      require(rank != null, "decoder.lora.rank", "is missing (the adapters' width, e.g. 16)");
      require(rank >= 1, "decoder.lora.rank", "must be at least 1, found " + rank);
      alpha = alpha == null ? 2.0 * rank : alpha;
      require(alpha > 0, "decoder.lora.alpha", "must be > 0, found " + alpha);
      dropout = dropout == null ? 0.05 : dropout;
      require(dropout >= 0 && dropout < 1, "decoder.lora.dropout",
          "must be in [0, 1), found " + dropout);
      targets = targets == null ? null : List.copyOf(targets);
    }
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("field \"" + field + "\" " + problem);
    }
  }
}
