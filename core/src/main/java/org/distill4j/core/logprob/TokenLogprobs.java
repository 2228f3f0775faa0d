package org.distill4j.core.logprob;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The log-probabilities a teacher returned for one reply: per output position the token it wrote
 * with its log-probability, and up to {@code k} alternatives (its top-k, best first). Tokens are
 * held once in {@code table} and referred to by index, since a reply repeats the same few
 * thousand tokens many times over. Build one with {@link #builder}; every log-probability is
 * rounded to the stored grid ({@link #round}) on the way in, so a decoded copy equals the
 * original.
 *
 * @param k the most alternatives per position, 1 to 20
 * @param table every distinct token, each once
 * @param tokens per position, the index in {@code table} of the token written
 * @param logprobs per position, the written token's log-probability
 * @param counts per position, how many alternatives the teacher sent (0 to k)
 * @param alternatives per position, {@code k} indices into {@code table} (position p at
 *     {@code p * k}); -1 past the position's count
 * @param alternativeLogprobs the alternatives' log-probabilities, laid out as {@code
 *     alternatives}; negative infinity past the count
 */
public record TokenLogprobs(int k, List<TeacherToken> table, int[] tokens, float[] logprobs,
    int[] counts, int[] alternatives, float[] alternativeLogprobs) {

  /**
   * Log-probabilities are kept to 1/{@value} nat: a probability's relative error is then below
   * 0.05%, far under what distillation notices, and the stored integers stay short.
   */
  public static final int STEPS_PER_NAT = 1000;

  /** The lowest log-probability kept; lower ones (OpenAI's -9999, -inf) are stored as this. */
  public static final float FLOOR = -1000f;

  public TokenLogprobs {
    table = List.copyOf(table);
    int n = tokens.length;
    if (k < 1 || k > 20) {
      throw new IllegalArgumentException("k must be 1 to 20, found " + k);
    }
    if (logprobs.length != n || counts.length != n || alternatives.length != n * k
        || alternativeLogprobs.length != n * k) {
      throw new IllegalArgumentException("array lengths disagree with " + n + " positions and k="
          + k);
    }
    for (int p = 0; p < n; p++) {
      checkIndex(tokens[p], table.size(), p);
      if (counts[p] < 0 || counts[p] > k) {
        throw new IllegalArgumentException("position " + p + " has " + counts[p]
            + " alternatives, more than k=" + k);
      }
      for (int j = 0; j < counts[p]; j++) {
        checkIndex(alternatives[p * k + j], table.size(), p);
      }
    }
  }

  private static void checkIndex(int index, int size, int position) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("position " + position + " refers to token " + index
          + " of a table of " + size);
    }
  }

  /** Rounds a log-probability to the stored grid: at most 0, at least {@link #FLOOR}. */
  public static float round(double logprob) {
    return (float) (-quantum(logprob) / (double) STEPS_PER_NAT);
  }

  /** The stored integer of a log-probability: minus it in 1/1000 nats. */
  static int quantum(double logprob) {
    if (Double.isNaN(logprob)) {
      throw new IllegalArgumentException("a log-probability is NaN");
    }
    double clamped = Math.max(FLOOR, Math.min(0, logprob));
    return (int) Math.round(-clamped * STEPS_PER_NAT);
  }

  /** How many output positions. */
  public int positions() {
    return tokens.length;
  }

  /** The token written at {@code position}. */
  public TeacherToken token(int position) {
    return table.get(tokens[position]);
  }

  /** The {@code j}-th best alternative at {@code position}, {@code j < counts[position]}. */
  public TeacherToken alternative(int position, int j) {
    if (j >= counts[position]) {
      throw new IndexOutOfBoundsException("position " + position + " has " + counts[position]
          + " alternatives, asked for " + j);
    }
    return table.get(alternatives[position * k + j]);
  }

  /** Its log-probability. */
  public float alternativeLogprob(int position, int j) {
    alternative(position, j);
    return alternativeLogprobs[position * k + j];
  }

  public static Builder builder(int k) {
    return new Builder(k);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenLogprobs t && k == t.k && table.equals(t.table)
        && Arrays.equals(tokens, t.tokens) && Arrays.equals(logprobs, t.logprobs)
        && Arrays.equals(counts, t.counts) && Arrays.equals(alternatives, t.alternatives)
        && Arrays.equals(alternativeLogprobs, t.alternativeLogprobs);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(tokens) + Arrays.hashCode(alternatives);
  }

  @Override
  public String toString() {
    return "TokenLogprobs[k=" + k + ", positions=" + tokens.length + ", table=" + table.size()
        + "]";
  }

  /**
   * Collects positions in order: {@link #position} for each written token, then its
   * alternatives. Alternatives past the k best are dropped and a repeated one is kept once,
   * because some servers add the written token to its top-k list.
   */
  public static final class Builder {
    private final int k;
    private final List<TeacherToken> table = new ArrayList<>();
    private final Map<TeacherToken, Integer> index = new HashMap<>();
    private final List<int[]> rows = new ArrayList<>();
    private final List<float[]> rowLogprobs = new ArrayList<>();
    private int[] row;
    private float[] rowLp;
    private int rowCount;

    private Builder(int k) {
      if (k < 1 || k > 20) {
        throw new IllegalArgumentException("k must be 1 to 20, found " + k);
      }
      this.k = k;
    }

    /** Starts the next position with the token written there. */
    public Builder position(TeacherToken token, double logprob) {
      finishRow();
      // Slot 0 holds the written token; the alternatives follow it.
      row = new int[1 + 2 * k];
      rowLp = new float[1 + 2 * k];
      row[0] = intern(token);
      rowLp[0] = round(logprob);
      rowCount = 0;
      return this;
    }

    /** Adds an alternative to the current position. */
    public Builder alternative(TeacherToken token, double logprob) {
      if (row == null) {
        throw new IllegalStateException("an alternative before the first position");
      }
      int id = intern(token);
      for (int j = 0; j < rowCount; j++) {
        if (row[1 + j] == id) {
          return this;
        }
      }
      if (rowCount == row.length - 1) {
        row = Arrays.copyOf(row, row.length * 2);
        rowLp = Arrays.copyOf(rowLp, rowLp.length * 2);
      }
      row[1 + rowCount] = id;
      rowLp[1 + rowCount] = round(logprob);
      rowCount++;
      return this;
    }

    private int intern(TeacherToken token) {
      return index.computeIfAbsent(token, t -> {
        table.add(t);
        return table.size() - 1;
      });
    }

    private void finishRow() {
      if (row == null) {
        return;
      }
      Integer[] order = new Integer[rowCount];
      for (int j = 0; j < rowCount; j++) {
        order[j] = j;
      }
      // Stable, so equal log-probabilities keep the server's order.
      Arrays.sort(order, (a, b) -> Float.compare(rowLp[1 + b], rowLp[1 + a]));
      int kept = Math.min(k, rowCount);
      int[] ids = new int[1 + kept];
      float[] lps = new float[1 + kept];
      ids[0] = row[0];
      lps[0] = rowLp[0];
      for (int j = 0; j < kept; j++) {
        ids[1 + j] = row[1 + order[j]];
        lps[1 + j] = rowLp[1 + order[j]];
      }
      rows.add(ids);
      rowLogprobs.add(lps);
      row = null;
    }

    public TokenLogprobs build() {
      finishRow();
      int n = rows.size();
      int[] tokens = new int[n];
      float[] logprobs = new float[n];
      int[] counts = new int[n];
      int[] alternatives = new int[n * k];
      float[] altLp = new float[n * k];
      Arrays.fill(alternatives, -1);
      Arrays.fill(altLp, Float.NEGATIVE_INFINITY);
      for (int p = 0; p < n; p++) {
        int[] ids = rows.get(p);
        float[] lps = rowLogprobs.get(p);
        tokens[p] = ids[0];
        logprobs[p] = lps[0];
        counts[p] = ids.length - 1;
        System.arraycopy(ids, 1, alternatives, p * k, counts[p]);
        System.arraycopy(lps, 1, altLp, p * k, counts[p]);
      }
      return new TokenLogprobs(k, table, tokens, logprobs, counts, alternatives, altLp);
    }
  }
}
