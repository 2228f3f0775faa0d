package org.distill4j.neural.decoder.train;

import java.util.Arrays;

/**
 * One training row for a decoder, all arrays of the row's length.
 *
 * @param ids token ids
 * @param lossMask 1 where the token is a target the loss counts (it is predicted from the
 *     tokens before it in the same example)
 * @param positions position ids, restarting at 0 for each packed example
 * @param segments which packed example each token belongs to (all 0 for a row of one example)
 */
public record TokenRow(long[] ids, int[] lossMask, long[] positions, int[] segments) {
  public TokenRow {
    int n = ids.length;
    if (n < 2 || lossMask.length != n || positions.length != n || segments.length != n) {
      throw new IllegalArgumentException("a token row needs at least 2 tokens and equal-length"
          + " ids, loss mask, positions and segments; found " + n + ", " + lossMask.length + ", "
          + positions.length + ", " + segments.length);
    }
    ids = ids.clone();
    lossMask = lossMask.clone();
    positions = positions.clone();
    segments = segments.clone();
  }

  /** A row holding one example: positions 0, 1, 2…, one segment. */
  public static TokenRow single(long[] ids, int[] lossMask) {
    long[] positions = new long[ids.length];
    Arrays.setAll(positions, i -> i);
    return new TokenRow(ids, lossMask, positions, new int[ids.length]);
  }

  /** The row's length in tokens. */
  public int length() {
    return ids.length;
  }

  /** How many tokens the loss counts. */
  public int targets() {
    int count = 0;
    for (int i = 1; i < lossMask.length; i++) {
      if (lossMask[i] == 1 && segments[i] == segments[i - 1]) {
        count++;
      }
    }
    return count;
  }

  @Override
  public long[] ids() {
    return ids.clone();
  }

  @Override
  public int[] lossMask() {
    return lossMask.clone();
  }

  @Override
  public long[] positions() {
    return positions.clone();
  }

  @Override
  public int[] segments() {
    return segments.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TokenRow row && Arrays.equals(ids, row.ids)
        && Arrays.equals(lossMask, row.lossMask) && Arrays.equals(positions, row.positions)
        && Arrays.equals(segments, row.segments);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(lossMask))
        + Arrays.hashCode(segments);
  }

  @Override
  public String toString() {
    return "TokenRow[" + ids.length + " tokens, " + targets() + " targets]";
  }
}
