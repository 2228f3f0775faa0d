package org.distill4j.filtering.dedup;

import java.util.Arrays;

/**
 * An open-addressing map from long keys to int values without boxing, so a million entries cost
 * about 24 MB instead of the ~100 MB of a {@code HashMap<Long, Integer>}.
 */
final class LongIntTable {
  private static final int ABSENT = -1;
  private long[] keys;
  private int[] values;
  private int size;
  private int mask;

  LongIntTable(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    values = new int[cap];
    Arrays.fill(values, ABSENT);
    mask = cap - 1;
  }

  /** The value for {@code key}, or -1. */
  int get(long key) {
    int i = (int) Hash64.mix(key) & mask;
    while (values[i] != ABSENT) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return ABSENT;
  }

  /** Sets {@code key} to {@code value} (non-negative), returning the previous value or -1. */
  int put(long key, int value) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int i = (int) Hash64.mix(key) & mask;
    while (values[i] != ABSENT) {
      if (keys[i] == key) {
        int old = values[i];
        values[i] = value;
        return old;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
    return ABSENT;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(values, ABSENT);
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != ABSENT) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }
}
