package org.distill4j.training.model;

import java.util.ArrayList;
import java.util.List;
import org.distill4j.training.tokenizer.TextTokenizer;

/**
 * Beam search over a {@link GenerativeStudent}: keeps the {@code width} partial outputs of highest
 * total log-probability per input and writes the most probable finished one. Scores are not
 * length-normalised, so a short output that the model is sure of (a common tail) wins over a long
 * one it is unsure of. An input stops as soon as its best finished output beats every live one,
 * since adding tokens can only lower a score.
 */
final class BeamSearch {
  /** A partial or finished output: its tokens and their total log-probability. */
  private record Hypothesis(List<Integer> tokens, double logProbability, boolean finished) {}

  /** A live hypothesis fed to the model this step: its input, its index, its last position. */
  private record Row(int input, int hypothesis, int length) {}

  private final GenerativeStudent student;
  private final int width;
  private final int maxLength;
  private final List<List<Integer>> prompts = new ArrayList<>();
  private final List<List<Hypothesis>> beams = new ArrayList<>();

  private BeamSearch(GenerativeStudent student, List<String> inputs, int width,
      int maxNewTokens) {
    this.student = student;
    this.width = width;
    this.maxLength = student.size().maxLength();
    int room = maxLength - 2 - Math.min(maxNewTokens, maxLength / 2);
    for (String input : inputs) {
      prompts.add(student.promptIds(input, room));
      beams.add(List.of(new Hypothesis(List.of(), 0.0, false)));
    }
  }

  /** The best output's tokens for each input. */
  static List<List<Integer>> run(GenerativeStudent student, List<String> inputs, int width,
      int maxNewTokens) {
    BeamSearch search = new BeamSearch(student, inputs, width, maxNewTokens);
    for (int step = 0; step < maxNewTokens; step++) {
      if (!search.step()) {
        break;
      }
    }
    List<List<Integer>> out = new ArrayList<>(inputs.size());
    for (List<Hypothesis> beam : search.beams) {
      // An output still open when the token budget ran out competes with its score so far, as
      // greedy decoding keeps a truncated output.
      out.add(beam.get(0).tokens());
    }
    return out;
  }

  /** Extends every live hypothesis by one token; false when none was live. */
  private boolean step() {
    List<Row> live = liveRows();
    if (live.isEmpty()) {
      return false;
    }
    int longest = 0;
    List<List<Integer>> sequences = new ArrayList<>(live.size());
    for (Row r : live) {
      List<Integer> seq = new ArrayList<>(prompts.get(r.input()));
      seq.addAll(beams.get(r.input()).get(r.hypothesis()).tokens());
      sequences.add(seq);
      longest = Math.max(longest, r.length());
    }
    float[] all = student.logitsOfSequences(sequences, longest);
    List<List<Hypothesis>> candidates = carriedOver();
    int vocab = student.vocabularySize();
    for (int r = 0; r < live.size(); r++) {
      Row row = live.get(r);
      Hypothesis hyp = beams.get(row.input()).get(row.hypothesis());
      int offset = (r * longest + row.length() - 1) * vocab;
      extend(hyp, TokenChoice.logSoftmax(all, offset, vocab), candidates.get(row.input()));
    }
    for (int i = 0; i < beams.size(); i++) {
      List<Hypothesis> c = candidates.get(i);
      c.sort((a, b) -> Double.compare(b.logProbability(), a.logProbability()));
      beams.set(i, List.copyOf(c.subList(0, Math.min(width, c.size()))));
    }
    return true;
  }

  private List<Row> liveRows() {
    List<Row> live = new ArrayList<>();
    for (int i = 0; i < beams.size(); i++) {
      List<Hypothesis> beam = beams.get(i);
      if (settled(beam)) {
        continue;
      }
      for (int h = 0; h < beam.size(); h++) {
        Hypothesis hyp = beam.get(h);
        int length = prompts.get(i).size() + hyp.tokens().size();
        if (!hyp.finished() && length < maxLength) {
          live.add(new Row(i, h, length));
        }
      }
    }
    return live;
  }

  /** What competes unchanged this step: settled beams, finished outputs, full live ones. */
  private List<List<Hypothesis>> carriedOver() {
    List<List<Hypothesis>> candidates = new ArrayList<>(beams.size());
    for (int i = 0; i < beams.size(); i++) {
      List<Hypothesis> keep = new ArrayList<>();
      if (settled(beams.get(i))) {
        keep.addAll(beams.get(i));
      } else {
        for (Hypothesis hyp : beams.get(i)) {
          // Finished outputs, and live ones that ran out of room, compete as they are.
          if (hyp.finished()) {
            keep.add(hyp);
          } else if (prompts.get(i).size() + hyp.tokens().size() >= maxLength) {
            keep.add(new Hypothesis(hyp.tokens(), hyp.logProbability(), true));
          }
        }
      }
      candidates.add(keep);
    }
    return candidates;
  }

  private void extend(Hypothesis hyp, double[] logProbs, List<Hypothesis> into) {
    for (int v : TokenChoice.topIds(logProbs, width)) {
      if (logProbs[v] == Double.NEGATIVE_INFINITY) {
        continue;
      }
      double score = hyp.logProbability() + logProbs[v];
      if (v == TextTokenizer.EOS) {
        into.add(new Hypothesis(hyp.tokens(), score, true));
      } else {
        List<Integer> tokens = new ArrayList<>(hyp.tokens());
        tokens.add(v);
        into.add(new Hypothesis(tokens, score, false));
      }
    }
  }

  /** Whether the best hypothesis is finished: no live one can overtake it any more. */
  private static boolean settled(List<Hypothesis> beam) {
    return beam.get(0).finished();
  }
}
