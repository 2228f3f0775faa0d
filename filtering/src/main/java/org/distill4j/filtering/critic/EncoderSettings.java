package org.distill4j.filtering.critic;

import java.nio.file.Path;
import org.distill4j.neural.bert.LoraSettings;
import org.distill4j.neural.tune.TuneSettings;

/**
 * How an {@link EncoderCritic} is fine-tuned.
 *
 * @param base the pretrained encoder folder (config.json, model.safetensors, tokenizer.json)
 * @param tune optimiser, schedule, epochs, early stopping, seed
 * @param maxTokens the longest input; pairs lose tokens from their longer side first
 * @param frozenLayers embeddings and this many lowest layers stay fixed (0: all train)
 * @param lora adapters on the attention projections instead of full fine-tuning; null for none
 * @param balanced weight the two classes so each counts as much in total
 */
public record EncoderSettings(Path base, TuneSettings tune, int maxTokens, int frozenLayers,
    LoraSettings lora, boolean balanced) {
  public EncoderSettings {
    if (maxTokens < 8) {
      throw new IllegalArgumentException("max tokens must be at least 8, found " + maxTokens);
    }
  }
}
