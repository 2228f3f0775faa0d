package org.distill4j.neural.decoder.chat;

import java.util.Arrays;

/**
 * One fixed-length training row made by {@link Packer}: one or more {@link SftExample}s side by
 * side, then padding.
 *
 * <p>The model must not let a token attend to another example in the same row: attention is
 * causal <em>within</em> a segment and empty across segments (block-diagonal causal, see
 * {@link #attends(int, int)}). Positions restart at 0 for each example, so each sees the
 * positions it would see alone. The loss must not cross examples either: {@link #labels()} gives
 * the next-token targets with {@link #IGNORE_INDEX} wherever the next token belongs to another
 * segment, is padding, or is not a target.
 *
 * @param ids token ids; padding holds the pad id
 * @param lossMask 1 where the token is a target ({@link SftExample#lossMask()}), 0 elsewhere
 * @param positions the position id of each token within its example; 0 for padding
 * @param segments 1, 2, … for the packed examples in order, {@link #PAD_SEGMENT} for padding; the
 *     attention mask of an unpacked row is {@code segments[t] != 0}
 */
public record PackedRow(long[] ids, int[] lossMask, long[] positions, int[] segments) {
  /** The segment id of padding. */
  public static final int PAD_SEGMENT = 0;

  /** The label of a position that takes no loss (PyTorch's default {@code ignore_index}). */
  public static final long IGNORE_INDEX = -100;

  public PackedRow {
    if (ids == null || lossMask == null || positions == null || segments == null) {
      throw new IllegalArgumentException("ids, lossMask, positions and segments are required");
    }
    if (lossMask.length != ids.length || positions.length != ids.length
        || segments.length != ids.length) {
      throw new IllegalArgumentException("ids, lossMask, positions and segments must be of one "
          + "length, found " + ids.length + ", " + lossMask.length + ", " + positions.length
          + ", " + segments.length);
    }
    ids = ids.clone();
    lossMask = lossMask.clone();
    positions = positions.clone();
    segments = segments.clone();
  }

  /** The ids (a copy). */
  @Override
  public long[] ids() {
    return ids.clone();
  }

  /** The loss mask (a copy). */
  @Override
  public int[] lossMask() {
    return lossMask.clone();
  }

  /** The position ids (a copy). */
  @Override
  public long[] positions() {
    return positions.clone();
  }

  /** The segment ids (a copy). */
  @Override
  public int[] segments() {
    return segments.clone();
  }

  /** The row length. */
  public int length() {
    return ids.length;
  }

  /**
   * Next-token labels aligned with the logits: {@code labels[t]} is {@code ids[t + 1]} when that
   * token is a target of the same segment as {@code t}, else {@link #IGNORE_INDEX}; the last
   * position never has a label.
   */
  public long[] labels() {
    long[] labels = new long[ids.length];
    for (int t = 0; t < ids.length; t++) {
      boolean target = t + 1 < ids.length && lossMask[t + 1] == 1
          && segments[t + 1] == segments[t] && segments[t] != PAD_SEGMENT;
      labels[t] = target ? ids[t + 1] : IGNORE_INDEX;
    }
    return labels;
  }

  /**
   * Whether the token at {@code query} may attend to the token at {@code key}: both in the same
   * example (not padding) and {@code key} not after {@code query}.
   */
  public boolean attends(int query, int key) {
    return key <= query && segments[query] == segments[key] && segments[query] != PAD_SEGMENT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PackedRow r && Arrays.equals(ids, r.ids)
        && Arrays.equals(lossMask, r.lossMask) && Arrays.equals(positions, r.positions)
        && Arrays.equals(segments, r.segments);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {Arrays.hashCode(ids), Arrays.hashCode(lossMask),
        Arrays.hashCode(positions), Arrays.hashCode(segments)});
  }

  @Override
  public String toString() {
    return "PackedRow[ids=" + Arrays.toString(ids) + ", lossMask=" + Arrays.toString(lossMask)
        + ", positions=" + Arrays.toString(positions) + ", segments=" + Arrays.toString(segments)
        + "]";
  }
}
