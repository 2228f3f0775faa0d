package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * The keys and values every layer has computed so far, so that each generation step runs the
 * model on the new tokens only. Keys are stored after rotary positions and before query heads are
 * grouped onto them ({@code [batch, kvHeads, length, headDim]}). It also keeps which cached
 * positions are real tokens (left padding of a batch is not).
 */
public final class KvCache implements AutoCloseable {
  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private NDArray keyMask;
  private int length;

  /** An empty cache for a model of {@code layers} layers, its arrays in a child of {@code parent}. */
  public KvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Positions cached so far. */
  public int length() {
    return length;
  }

  /** Float {@code [batch, length]}: 1 on cached real tokens, 0 on padding; null when empty. */
  NDArray keyMask() {
    return keyMask;
  }

  /**
   * Appends a step's keys and values for {@code layer} and returns the whole cached keys and
   * values for attention; the returned arrays belong to the cache.
   */
  NDList append(int layer, NDArray key, NDArray value) {
    NDArray k = keys[layer] == null ? key : NDArrays.concat(new NDList(keys[layer], key), 2);
    NDArray v = values[layer] == null ? value : NDArrays.concat(new NDList(values[layer], value), 2);
    replace(keys, layer, k);
    replace(values, layer, v);
    return new NDList(k, v);
  }

  /**
   * Takes {@code keyMask} ({@code [batch, length + tokens]}, the cached mask joined with the new
   * tokens') as the cache's mask once every layer has appended.
   */
  void advance(NDArray keyMask, int tokens) {
    // The first step's mask is the caller's own array: keep a copy, not the caller's.
    NDArray stored = this.keyMask == null ? keyMask.duplicate() : keyMask;
    keep(stored);
    if (this.keyMask != null && this.keyMask != stored) {
      this.keyMask.close();
    }
    this.keyMask = stored;
    length += tokens;
  }

  /**
   * Keeps the rows {@code rows} (int64 {@code [newBatch]}) in that order: beam search follows
   * its surviving beams this way.
   */
  public void select(NDArray rows) {
    for (int layer = 0; layer < keys.length; layer++) {
      if (keys[layer] != null) {
        replace(keys, layer, keys[layer].get(rows));
        replace(values, layer, values[layer].get(rows));
      }
    }
    if (keyMask != null) {
      NDArray kept = keyMask.get(rows);
      keep(kept);
      keyMask.close();
      keyMask = kept;
    }
  }

  /**
   * Moves {@code array} into the cache's manager and out of any open {@link NDScope}: callers run
   * each step in a scope that frees the step's temporaries, and the cache must outlive it.
   */
  private void keep(NDArray array) {
    array.attach(manager);
    NDScope.unregister(array);
  }

  private void replace(NDArray[] slots, int layer, NDArray array) {
    keep(array);
    if (slots[layer] != null && slots[layer] != array) {
      slots[layer].close();
    }
    slots[layer] = array;
  }

  @Override
  public void close() {
    manager.close();
  }
}
