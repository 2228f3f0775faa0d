package org.distill4j.training.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import org.distill4j.training.loss.Divergence;
import org.distill4j.training.loss.TokenDistillation;

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
 * @param distillation token-level distillation from a served teacher's stored top-k
 *     log-probabilities; null trains on cross-entropy alone
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
    Lora lora,
    Distillation distillation) {

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
    return new DecoderSettings(null, null, null, null, null, null, null, null, null, null);
  }

  /** The same settings with the distillation's file resolved against the config's folder. */
  DecoderSettings resolvedAgainst(Path folder) {
    return distillation == null ? this : new DecoderSettings(maxTokens, pack, warmupFraction,
        weightDecay, accumulation, clipNorm, freezeLayers, system, lora,
        distillation.resolvedAgainst(folder));
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

  /**
   * Token-level distillation from a served teacher: generation with {@code sampling: {logprobs:
   * K}} stored the teacher's top-k log-probabilities per reply, and each example whose target
   * is spelled by a run of the teacher's tokens learns, at those positions, {@code (1 -
   * kd_weight) * cross-entropy + kd_weight * divergence} against them (see {@code
   * SparseTokenLosses}: both distributions restricted to the teacher's top-k). Other examples,
   * and the target's other tokens, keep plain cross-entropy. It needs the teacher's tokenizer:
   * a base whose {@code tokenizer.json} cannot spell the teacher's tokens is refused. Examples
   * are not packed while distilling (a row is one example, so its teacher targets stay its own).
   *
   * @param logprobs the teacher's {@code logprobs.jsonl}; absent: the one beside the train corpus
   * @param divergence forward-kl (default), reverse-kl, skew-forward-kl, skew-reverse-kl or taid
   *     ({@code _} may stand for {@code -})
   * @param temperature both sides' logits are divided by it (default 2, as for a local teacher)
   * @param kdWeight the divergence's share of the loss on aligned positions (default 0.5)
   * @param skew s of the skew divergences, in [0, 1) (default 0.1)
   * @param taidStart TAID's t at the first step, in [0, 1], rising linearly to 1 (default 0.2)
   */
  public record Distillation(Path logprobs, String divergence, Float temperature,
      @JsonProperty("kd_weight") Float kdWeight, Float skew,
      @JsonProperty("taid_start") Float taidStart) {
    private static final String FIELD = "decoder.distillation.";

    public Distillation {
      divergence = divergence == null ? "forward-kl" : divergence;
      Divergence.parse(divergence, FIELD + "divergence");
      temperature = temperature == null ? 2f : temperature;
      require(temperature > 0, FIELD + "temperature", "must be > 0, found " + temperature);
      kdWeight = kdWeight == null ? 0.5f : kdWeight;
      require(kdWeight >= 0 && kdWeight <= 1, FIELD + "kd_weight",
          "must be in [0, 1], found " + kdWeight);
      skew = skew == null ? 0.1f : skew;
      require(skew >= 0 && skew < 1, FIELD + "skew", "must be in [0, 1), found " + skew);
      taidStart = taidStart == null ? 0.2f : taidStart;
      require(taidStart >= 0 && taidStart <= 1, FIELD + "taid_start",
          "must be in [0, 1], found " + taidStart);
    }

    /** The loss settings. */
    public TokenDistillation settings() {
      return new TokenDistillation(Divergence.parse(divergence, FIELD + "divergence"),
          temperature, kdWeight, skew, taidStart);
    }

    /** The teacher's file: {@code logprobs}, else {@code logprobs.jsonl} beside {@code train}. */
    public Path file(Path train) {
      return logprobs != null ? logprobs
          : train.toAbsolutePath().resolveSibling(org.distill4j.core.logprob.LogprobsFile.NAME);
    }

    Distillation resolvedAgainst(Path folder) {
      return new Distillation(logprobs == null || logprobs.isAbsolute() ? logprobs
          : folder.resolve(logprobs).normalize(), divergence, temperature, kdWeight, skew,
          taidStart);
    }
  }

  private static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException("field \"" + field + "\" " + problem);
    }
  }
}
