package org.distill4j.training.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.distill4j.training.tokenizer.TextTokenizer;

/**
 * Greedy or sampled decoding over a {@link GenerativeStudent}, one token per input per step.
 * Inputs are decoded together: each row is right-padded and reads its next token at its own last
 * position, which the causal mask keeps independent of padding.
 */
final class StepDecoder {
  private final GenerativeStudent student;
  private final Decoding decoding;
  private final Random random;
  private final int maxLength;
  private final int n;
  private final int[][] rows;
  private final int[] lengths;
  private final int[] starts;
  private final boolean[] done;

  private StepDecoder(GenerativeStudent student, List<String> inputs, Decoding decoding,
      int maxNewTokens) {
    this.student = student;
    this.decoding = decoding;
    this.random = new Random(decoding.seed());
    this.maxLength = student.size().maxLength();
    this.n = inputs.size();
    this.rows = new int[n][];
    this.lengths = new int[n];
    this.starts = new int[n];
    this.done = new boolean[n];
    int room = maxLength - 2 - Math.min(maxNewTokens, maxLength / 2);
    for (int i = 0; i < n; i++) {
      List<Integer> prompt = student.promptIds(inputs.get(i), room);
      rows[i] = new int[maxLength];
      for (int t = 0; t < prompt.size(); t++) {
        rows[i][t] = prompt.get(t);
      }
      lengths[i] = prompt.size();
      starts[i] = prompt.size();
    }
  }

  /** The tokens written for each input, up to EOS. */
  static List<List<Integer>> run(GenerativeStudent student, List<String> inputs,
      Decoding decoding, int maxNewTokens) {
    StepDecoder d = new StepDecoder(student, inputs, decoding, maxNewTokens);
    for (int step = 0; step < maxNewTokens; step++) {
      if (!d.step()) {
        break;
      }
    }
    return d.produced();
  }

  /** Adds one token to every open row; false when none was open. */
  private boolean step() {
    int width = 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      if (!done[i] && lengths[i] < maxLength) {
        any = true;
      }
      width = Math.max(width, lengths[i]);
    }
    if (!any) {
      return false;
    }
    long[] ids = new long[n * width];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        ids[i * width + t] = rows[i][t];
      }
    }
    float[] all = student.logitsOf(ids, n, width);
    int vocab = student.vocabularySize();
    for (int i = 0; i < n; i++) {
      if (done[i] || lengths[i] >= maxLength) {
        done[i] = true;
        continue;
      }
      int offset = (i * width + lengths[i] - 1) * vocab;
      int next = TokenChoice.pick(Arrays.copyOfRange(all, offset, offset + vocab), decoding,
          random);
      rows[i][lengths[i]++] = next;
      if (next == TextTokenizer.EOS) {
        done[i] = true;
      }
    }
    return true;
  }

  private List<List<Integer>> produced() {
    List<List<Integer>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<Integer> produced = new ArrayList<>();
      for (int t = starts[i]; t < lengths[i] && rows[i][t] != TextTokenizer.EOS; t++) {
        produced.add(rows[i][t]);
      }
      out.add(produced);
    }
    return out;
  }
}
