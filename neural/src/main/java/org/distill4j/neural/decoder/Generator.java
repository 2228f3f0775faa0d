package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes a continuation of a prompt with a decoder: greedy, sampled (temperature, top-p) or by
 * beam search, each step running the model on the new token only against a {@link KvCache}.
 */
public final class Generator {
  private final DecoderLm model;

  /** A generator for {@code model}. */
  public Generator(DecoderLm model) {
    this.model = model;
  }

  /** The new tokens after {@code prompt} (a stop id, when reached, is the last). */
  public long[] generate(long[] prompt, GenerationSettings settings) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException("the prompt has no tokens");
    }
    settings = withinPositions(prompt.length, settings);
    if (settings.beams() > 1) {
      return new BeamSearch(model, settings).run(prompt);
    }
    Random random = new Random(settings.seed());
    List<Long> out = new ArrayList<>();
    try (NDManager scope = model.manager().newSubManager();
        KvCache cache = model.newCache()) {
      long[][] next = {prompt};
      for (int step = 0; step < settings.maxNewTokens(); step++) {
        float[] logits;
        try (NDScope ignored = new NDScope()) {
          logits = lastLogits(model.forward(scope, next, cache));
        }
        long token = pick(logits, settings, random);
        out.add(token);
        if (settings.stopIds().contains((int) token)) {
          break;
        }
        next = new long[][] {{token}};
      }
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * GPT-2's positions are a learnt table: a sequence may not outgrow it, so the reply is cut
   * to fit. Rotary positions have no table, and the Llama family goes on as transformers does.
   */
  private GenerationSettings withinPositions(int promptLength, GenerationSettings settings) {
    DecoderConfig config = model.config();
    if (config.architecture() != Architecture.GPT2) {
      return settings;
    }
    int room = config.maxPositions() - promptLength;
    if (room < 1) {
      throw new IllegalArgumentException("the prompt has " + promptLength + " tokens; this GPT-2"
          + " model has only " + config.maxPositions() + " positions (n_positions)");
    }
    return room >= settings.maxNewTokens() ? settings
        : new GenerationSettings(room, settings.temperature(), settings.topP(), settings.beams(),
            settings.lengthPenalty(), settings.seed(), settings.stopIds());
  }

  /**
   * Greedy decoding without a cache: the whole sequence runs again at every step. The reference
   * the cached path must equal, and the baseline of the cache's speed-up.
   */
  public long[] generateUncached(long[] prompt, int maxNewTokens) {
    long[] sequence = prompt.clone();
    long[] out = new long[maxNewTokens];
    for (int step = 0; step < maxNewTokens; step++) {
      float[] logits;
      try (NDManager scope = model.manager().newSubManager()) {
        logits = lastLogits(model.forward(scope, new long[][] {sequence}, null));
      }
      out[step] = argmax(logits);
      sequence = Arrays.copyOf(sequence, sequence.length + 1);
      sequence[sequence.length - 1] = out[step];
    }
    return out;
  }

  /** The last position's logits of row 0 of {@code logits [rows, tokens, vocab]}. */
  static float[] lastLogits(NDArray logits) {
    long tokens = logits.getShape().get(1);
    return logits.get(0).get(tokens - 1).toType(DataType.FLOAT32, false).toFloatArray();
  }

  static long pick(float[] logits, GenerationSettings settings, Random random) {
    if (!settings.sampling()) {
      return argmax(logits);
    }
    double[] probabilities = softmax(logits, settings.temperature());
    Integer[] order = new Integer[logits.length];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
    // Nucleus: the most likely tokens until their mass reaches top_p, the rest dropped.
    double kept = 0;
    int size = 0;
    while (size < order.length && (size == 0 || kept < settings.topP())) {
      kept += probabilities[order[size++]];
    }
    double draw = random.nextDouble() * kept;
    for (int i = 0; i < size; i++) {
      draw -= probabilities[order[i]];
      if (draw <= 0) {
        return order[i];
      }
    }
    return order[size - 1];
  }

  static long argmax(float[] logits) {
    int best = 0;
    for (int i = 1; i < logits.length; i++) {
      if (logits[i] > logits[best]) {
        best = i;
      }
    }
    return best;
  }

  static double[] softmax(float[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (float logit : logits) {
      max = Math.max(max, logit / temperature);
    }
    double[] out = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      out[i] = Math.exp(logits[i] / temperature - max);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }
}
