package org.distill4j.training.config;

import ai.djl.Device;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.distill4j.neural.device.Precision;

/**
 * How the encoder student ({@code student: encoder}) is fine-tuned, beside the config's epochs,
 * batch size, learning rate, patience and seed. Defaults follow the usual BERT recipe.
 *
 * @param maxTokens the longest input in tokens, special tokens included; longer pairs lose
 *     tokens from their longer segment first (the retrieved facts, when there are any)
 * @param warmupFraction the share of optimiser steps spent rising linearly to the learning rate,
 *     which then falls linearly to 0
 * @param weightDecay AdamW's decoupled weight decay (not on biases and LayerNorm weights)
 * @param accumulation batches per optimiser step
 * @param clipNorm the largest global gradient norm; 0 turns clipping off
 * @param lora low-rank adapters on query and value; null trains every weight
 * @param classWeights validity only: {@code none}, or {@code balanced} to weight the kept and
 *     rejected classes so each counts as much in total
 * @param precision the number format of scoring passes (dev scores, evaluation): {@code auto}
 *     (float32), {@code float32} or {@code fp16}; training itself always runs in float32
 */
public record EncoderSettings(
    @JsonProperty("max_tokens") Integer maxTokens,
    @JsonProperty("warmup_fraction") Double warmupFraction,
    @JsonProperty("weight_decay") Double weightDecay,
    Integer accumulation,
    @JsonProperty("clip_norm") Double clipNorm,
    Lora lora,
    @JsonProperty("class_weights") String classWeights,
    String precision) {

  public EncoderSettings {
    maxTokens = maxTokens == null ? 128 : maxTokens;
    // Below 8 tokens nothing but the special tokens and a word or two would be left.
    require(maxTokens >= 8, "encoder.max_tokens", "must be at least 8, found " + maxTokens);
    warmupFraction = warmupFraction == null ? 0.1 : warmupFraction;
    require(warmupFraction >= 0 && warmupFraction < 1, "encoder.warmup_fraction",
        "must be in [0, 1), found " + warmupFraction);
    weightDecay = weightDecay == null ? 0.01 : weightDecay;
    require(weightDecay >= 0, "encoder.weight_decay", "must be >= 0, found " + weightDecay);
    accumulation = accumulation == null ? 1 : accumulation;
    require(accumulation >= 1, "encoder.accumulation",
        "must be at least 1, found " + accumulation);
    clipNorm = clipNorm == null ? 1.0 : clipNorm;
    require(clipNorm >= 0, "encoder.clip_norm", "must be >= 0 (0: no clipping), found "
        + clipNorm);
    classWeights = classWeights == null ? "none" : classWeights;
    require(classWeights.equals("none") || classWeights.equals("balanced"),
        "encoder.class_weights", "must be none or balanced, found \"" + classWeights + "\"");
    precision = precision == null ? "auto" : precision;
    try {
      // Resolved on the CPU only to refuse bf16 now, before a run starts, not after training.
      Precision.parse(precision).resolve(Device.cpu());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field \"encoder.precision\" " + e.getMessage(), e);
    }
  }

  /** Every setting at its default. */
  public static EncoderSettings defaults() {
    return new EncoderSettings(null, null, null, null, null, null, null, null);
  }

  /** Whether validity classes are weighted to count equally. */
  public boolean balanced() {
    return classWeights.equals("balanced");
  }

  /**
   * Low-rank adapters: only they, the pooler and the head train, the base stays frozen.
   *
   * @param rank the adapters' inner width
   * @param alpha the scale numerator (PEFT's {@code lora_alpha}); twice the rank when absent
   */
  public record Lora(Integer rank, Double alpha) {
    public Lora {
      require(rank != null, "encoder.lora.rank", "is missing (the adapters' width, e.g. 8)");
      require(rank >= 1, "encoder.lora.rank", "must be at least 1, found " + rank);
      alpha = alpha == null ? 2.0 * rank : alpha;
      require(alpha > 0, "encoder.lora.alpha", "must be > 0, found " + alpha);
    }
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("field \"" + field + "\" " + problem);
    }
  }
}
