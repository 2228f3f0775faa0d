package org.distill4j.neural.decoder.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Lays {@link SftExample}s out in rows of one fixed length for batching: several short examples
 * per row ({@link #pack}), or one per row with right padding ({@link #pad}). Packing wastes less
 * compute on padding, but only a model that honours {@link PackedRow#segments()} (block-diagonal
 * causal attention, positions from {@link PackedRow#positions()}) may train on packed rows;
 * otherwise examples leak into each other.
 */
public final class Packer {
  private final int rowLength;
  private final long padId;

  /**
   * @param rowLength the length of every row; examples longer than this are refused, so encode
   *     with {@code maxTokens <= rowLength}
   * @param padId the id written into padding ({@link SftEncoder#padId()})
   */
  public Packer(int rowLength, long padId) {
    if (rowLength < 2) {
      throw new IllegalArgumentException("rowLength must be at least 2, found " + rowLength);
    }
    this.rowLength = rowLength;
    this.padId = padId;
  }

  /**
   * Packs examples greedily, first fit decreasing: longest first (ties in input order), each into
   * the first row with room, a new row when none has. The result depends only on the lengths and
   * the order given. Within a row, examples keep the order in which they were placed.
   *
   * @throws IllegalArgumentException when an example is longer than the row length
   */
  public List<PackedRow> pack(List<SftExample> examples) {
    checkLengths(examples);
    List<Integer> order = IntStream.range(0, examples.size()).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> -examples.get(i).length())
            .thenComparingInt(i -> i))
        .toList();
    List<List<SftExample>> rows = new ArrayList<>();
    List<Integer> free = new ArrayList<>();
    for (int i : order) {
      SftExample example = examples.get(i);
      int row = 0;
      while (row < rows.size() && free.get(row) < example.length()) {
        row++;
      }
      if (row == rows.size()) {
        rows.add(new ArrayList<>());
        free.add(rowLength);
      }
      rows.get(row).add(example);
      free.set(row, free.get(row) - example.length());
    }
    return rows.stream().map(this::row).toList();
  }

  /**
   * One row per example, in input order, padded on the right.
   *
   * @throws IllegalArgumentException when an example is longer than the row length
   */
  public List<PackedRow> pad(List<SftExample> examples) {
    checkLengths(examples);
    return examples.stream().map(e -> row(List.of(e))).toList();
  }

  private PackedRow row(List<SftExample> parts) {
    long[] ids = new long[rowLength];
    int[] mask = new int[rowLength];
    long[] positions = new long[rowLength];
    int[] segments = new int[rowLength];
    Arrays.fill(ids, padId);
    int at = 0;
    for (int segment = 1; segment <= parts.size(); segment++) {
      SftExample part = parts.get(segment - 1);
      for (int t = 0; t < part.length(); t++, at++) {
        ids[at] = part.id(t);
        mask[at] = part.mask(t);
        positions[at] = t;
        segments[at] = segment;
      }
    }
    return new PackedRow(ids, mask, positions, segments);
  }

  private void checkLengths(List<SftExample> examples) {
    for (int i = 0; i < examples.size(); i++) {
      if (examples.get(i).length() > rowLength) {
        throw new IllegalArgumentException("example " + i + " has " + examples.get(i).length()
            + " tokens, more than the row length " + rowLength
            + "; encode with maxTokens <= rowLength");
      }
    }
  }
}
