package org.distill4j.neural.decoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The additive attention bias {@code [batch, 1, queries, keys]} of one forward pass: 0 where a
 * query may attend to a key, a large negative number elsewhere. A query sees a key when the key
 * is not later in the sequence, is a real token (not padding), and belongs to the same packed
 * example (when segments are given).
 */
final class AttentionBias {
  private static final float MASKED = -1e9f;

  private AttentionBias() {}

  /**
   * @param manager where the result lives
   * @param past positions already in the cache
   * @param keyMask float {@code [batch, past + tokens]}, 1 on real tokens
   * @param segments int {@code [batch, tokens]} packed-example ids, or null (no cache then)
   */
  static NDArray of(NDManager manager, int past, int tokens, NDArray keyMask, NDArray segments) {
    int keys = past + tokens;
    NDArray keyIndex = manager.arange(0, keys, 1, DataType.INT64, keyMask.getDevice())
        .expandDims(0);
    NDArray queryIndex = manager.arange(past, keys, 1, DataType.INT64, keyMask.getDevice())
        .expandDims(1);
    // [1, 1, tokens, keys] & [batch, 1, 1, keys]
    NDArray allowed = keyIndex.lte(queryIndex).expandDims(0).expandDims(0)
        .logicalAnd(keyMask.gt(0.5f).expandDims(1).expandDims(1));
    if (segments != null) {
      NDArray same = segments.expandDims(2).eq(segments.expandDims(1)).expandDims(1);
      allowed = allowed.logicalAnd(same);
    }
    return allowed.toType(DataType.FLOAT32, false).sub(1f).mul(-MASKED);
  }

  /** Joins the cached mask and the new tokens' mask along the sequence axis. */
  static NDArray keys(NDArray cached, NDArray fresh) {
    return cached == null ? fresh : NDArrays.concat(new NDList(cached, fresh), 1);
  }
}
