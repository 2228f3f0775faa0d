package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Beam search over a {@link KvCache}: the prompt runs once, its cache is copied to every beam,
 * and each step keeps the best {@code beams} continuations by summed log-probability. A beam that
 * writes a stop id is finished and ranked by log-probability / length^penalty; the search ends
 * when the best running beam can no longer beat the worst of {@code beams} finished ones, or at
 * the token limit.
 */
final class BeamSearch {
  private final DecoderLm model;
  private final GenerationSettings settings;

  private record Beam(long[] tokens, double logProbability) {
    Beam extend(long token, double logProbability) {
      long[] next = java.util.Arrays.copyOf(tokens, tokens.length + 1);
      next[tokens.length] = token;
      return new Beam(next, logProbability);
    }

    double score(double penalty) {
      return logProbability / Math.pow(tokens.length, penalty);
    }
  }

  private record Candidate(int beam, long token, double logProbability) {}

  BeamSearch(DecoderLm model, GenerationSettings settings) {
    this.model = model;
    this.settings = settings;
  }

  long[] run(long[] prompt) {
    int width = settings.beams();
    List<Beam> finished = new ArrayList<>();
    List<Beam> running = List.of(new Beam(new long[0], 0));
    try (NDManager scope = model.manager().newSubManager();
        KvCache cache = model.newCache()) {
      float[][] logits = step(scope, cache, new long[][] {prompt});
      for (int t = 0; t < settings.maxNewTokens() && !running.isEmpty(); t++) {
        List<Candidate> candidates = candidates(running, logits, 2 * width);
        List<Beam> next = new ArrayList<>();
        List<Integer> parents = new ArrayList<>();
        for (Candidate c : candidates) {
          Beam beam = running.get(c.beam()).extend(c.token(), c.logProbability());
          if (settings.stopIds().contains((int) c.token())) {
            finished.add(beam);
          } else if (next.size() < width) {
            next.add(beam);
            parents.add(c.beam());
          }
        }
        running = next;
        if (running.isEmpty() || done(finished, running, width)
            || t == settings.maxNewTokens() - 1) {
          break;
        }
        reorder(scope, cache, parents);
        long[][] tokens = new long[running.size()][];
        for (int b = 0; b < running.size(); b++) {
          long[] beamTokens = running.get(b).tokens();
          tokens[b] = new long[] {beamTokens[beamTokens.length - 1]};
        }
        logits = step(scope, cache, tokens);
      }
    }
    finished.addAll(running);
    return finished.stream()
        .max(Comparator.comparingDouble(b -> b.score(settings.lengthPenalty())))
        .orElseThrow().tokens();
  }

  private boolean done(List<Beam> finished, List<Beam> running, int width) {
    if (finished.size() < width) {
      return false;
    }
    double penalty = settings.lengthPenalty();
    double worstFinished = finished.stream().mapToDouble(b -> b.score(penalty))
        .sorted().skip(finished.size() - width).findFirst().orElseThrow();
    double bestRunning = running.stream().mapToDouble(b -> b.score(penalty)).max().orElseThrow();
    return bestRunning < worstFinished;
  }

  /**
   * The {@code count} best extensions over all beams. Only a beam's own best {@code count}
   * tokens can be among them, so each beam keeps those in a small heap rather than the whole
   * vocabulary being turned into candidates and sorted at every step.
   */
  private static List<Candidate> candidates(List<Beam> running, float[][] logits, int count) {
    java.util.PriorityQueue<Candidate> best = new java.util.PriorityQueue<>(
        Comparator.comparingDouble(Candidate::logProbability));
    for (int b = 0; b < running.size(); b++) {
      double[] probabilities = Generator.softmax(logits[b], 1);
      double base = running.get(b).logProbability();
      for (int token = 0; token < probabilities.length; token++) {
        double total = base + Math.log(probabilities[token]);
        if (best.size() < count) {
          best.add(new Candidate(b, token, total));
        } else if (total > best.peek().logProbability()) {
          best.poll();
          best.add(new Candidate(b, token, total));
        }
      }
    }
    List<Candidate> out = new ArrayList<>(best);
    out.sort(Comparator.comparingDouble(Candidate::logProbability).reversed());
    return out;
  }

  private static void reorder(NDManager scope, KvCache cache, List<Integer> parents) {
    try (NDScope ignored = new NDScope()) {
      long[] rows = parents.stream().mapToLong(Integer::longValue).toArray();
      cache.select(scope.create(rows));
    }
  }

  /** Each row's last-position logits. */
  private float[][] step(NDManager scope, KvCache cache, long[][] tokens) {
    try (NDScope ignored = new NDScope()) {
      NDArray logits = model.forward(scope, tokens, cache);
      long length = logits.getShape().get(1);
      float[][] out = new float[tokens.length][];
      for (int row = 0; row < tokens.length; row++) {
        out[row] = logits.get(row).get(length - 1).toType(DataType.FLOAT32, false)
            .toFloatArray();
      }
      return out;
    }
  }
}
