package org.distill4j.neural.decoder;

import java.util.Locale;

/**
 * The two layer shapes every supported decoder reduces to. Llama, Qwen2, Mistral and SmolLM share
 * one (RMSNorm, rotary positions, grouped-query attention, SwiGLU) and differ only in settings
 * their {@code config.json} carries.
 */
public enum Architecture {
  /** Pre-LayerNorm, learned absolute positions, fused Conv1D projections, tanh GELU. */
  GPT2,
  /** RMSNorm, rotary positions, grouped-query attention, SwiGLU feed-forward. */
  LLAMA;

  /** The {@code model_type} values of {@code config.json} read as {@link #LLAMA}. */
  static final java.util.Set<String> LLAMA_TYPES = java.util.Set.of("llama", "qwen2", "mistral");

  /**
   * The architecture of a {@code model_type}, or null when it is not one this package builds.
   */
  static Architecture of(String modelType) {
    String type = modelType.toLowerCase(Locale.ROOT);
    if (type.equals("gpt2")) {
      return GPT2;
    }
    return LLAMA_TYPES.contains(type) ? LLAMA : null;
  }
}
