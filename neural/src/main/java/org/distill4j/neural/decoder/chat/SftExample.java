package org.distill4j.neural.decoder.chat;

import java.util.Arrays;

/**
 * One supervised fine-tuning example: the token ids of a rendered conversation and which of them
 * the loss is taken on. Made by {@link SftEncoder}; batched by {@link Packer}.
 *
 * <p>{@code lossMask[t] == 1} marks token {@code t} as a target: the model is trained to predict
 * it from the tokens before it (logits at {@code t - 1}). Targets are the assistant's content and
 * the end-of-turn token that closes it. The first token is never a target, since nothing comes
 * before it; packing relies on that, so no loss crosses from one example into the next.
 *
 * @param ids the token ids
 * @param lossMask 1 for targets, 0 elsewhere; as long as {@code ids}
 * @param cutTokens how many tokens were cut from the end to fit the encoder's maximum length
 */
public record SftExample(long[] ids, int[] lossMask, int cutTokens) {
  public SftExample {
    if (ids == null || lossMask == null) {
      throw new IllegalArgumentException("fields \"ids\" and \"lossMask\" are required");
    }
    if (ids.length == 0 || ids.length != lossMask.length) {
      throw new IllegalArgumentException("\"ids\" and \"lossMask\" must be non-empty and of one "
          + "length, found " + ids.length + " and " + lossMask.length);
    }
    if (cutTokens < 0) {
      throw new IllegalArgumentException("\"cutTokens\" must be 0 or more, found " + cutTokens);
    }
    boolean anyTarget = false;
    for (int i = 0; i < lossMask.length; i++) {
      if (lossMask[i] != 0 && lossMask[i] != 1) {
        throw new IllegalArgumentException("\"lossMask\" holds 0 or 1, found " + lossMask[i]
            + " at " + i);
      }
      anyTarget |= lossMask[i] == 1;
    }
    if (lossMask[0] != 0) {
      throw new IllegalArgumentException("\"lossMask\" must be 0 at the first token: nothing "
          + "before it predicts it");
    }
    if (!anyTarget) {
      throw new IllegalArgumentException("\"lossMask\" has no target token");
    }
    ids = ids.clone();
    lossMask = lossMask.clone();
  }

  /** The ids (a copy: the record stays immutable). */
  @Override
  public long[] ids() {
    return ids.clone();
  }

  /** The loss mask (a copy). */
  @Override
  public int[] lossMask() {
    return lossMask.clone();
  }

  /** The number of tokens. */
  public int length() {
    return ids.length;
  }

  /** The number of target tokens. */
  public int targetCount() {
    return Arrays.stream(lossMask).sum();
  }

  long id(int i) {
    return ids[i];
  }

  int mask(int i) {
    return lossMask[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SftExample e && Arrays.equals(ids, e.ids)
        && Arrays.equals(lossMask, e.lossMask) && cutTokens == e.cutTokens;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(lossMask)) + cutTokens;
  }

  @Override
  public String toString() {
    return "SftExample[ids=" + Arrays.toString(ids) + ", lossMask=" + Arrays.toString(lossMask)
        + ", cutTokens=" + cutTokens + "]";
  }
}
